/**
 * A photo from the camera, made ready to queue: downscaled on the device to the API's longest edge
 * (`photoMaxEdgePx`, EVIDENCE_PHOTO_MAX_EDGE_PX) and hashed. The SHA-256 is of the bytes that will be
 * uploaded, so the server's stored hash can be compared with it after the upload.
 */
export interface PreparedPhoto {
  blob: Blob;
  name: string;
  sha256: string;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The JPEG name of a re-encoded photo (the server wants the extension to agree with the bytes). */
function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, '') || 'photo';
  return `${base}.jpg`;
}

async function downscale(file: File, maxEdge: number): Promise<Blob | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null; // not decodable here (HEIC on some browsers, a damaged file): sent as taken, the server judges it
  }
  try {
    const longest = Math.max(bitmap.width, bitmap.height);
    if (longest <= maxEdge) return null; // small enough: the original bytes, not a second compression
    const scale = maxEdge / longest;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  } finally {
    bitmap.close();
  }
}

export async function preparePhoto(file: File, maxEdge: number): Promise<PreparedPhoto> {
  const small = file.type.startsWith('image/') ? await downscale(file, maxEdge) : null;
  const blob = small ?? new Blob([await file.arrayBuffer()], { type: file.type });
  const name = small ? jpegName(file.name) : file.name;
  return { blob, name, sha256: await sha256Hex(blob) };
}
