/**
 * Evidence file types, recognised from their first bytes — never from the name a phone or a user
 * gave the file. The name's extension must agree with what the bytes are. Pure.
 */
export interface EvidenceType {
  mediaType: string;
  extensions: string[];
}

const TYPES: { type: EvidenceType; matches: (b: Buffer) => boolean }[] = [
  { type: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] }, matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: { mediaType: 'image/png', extensions: ['png'] }, matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: { mediaType: 'image/heic', extensions: ['heic', 'heif'] }, matches: (b) => ftyp(b, ['heic', 'heix', 'mif1', 'msf1']) },
  { type: { mediaType: 'application/pdf', extensions: ['pdf'] }, matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: { mediaType: 'audio/mp4', extensions: ['m4a'] }, matches: (b) => ftyp(b, ['M4A ']) },
  { type: { mediaType: 'video/quicktime', extensions: ['mov'] }, matches: (b) => ftyp(b, ['qt  ']) },
  { type: { mediaType: 'video/mp4', extensions: ['mp4', 'm4v'] }, matches: (b) => ftyp(b, ['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash']) },
  { type: { mediaType: 'audio/mpeg', extensions: ['mp3'] }, matches: (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0) },
  { type: { mediaType: 'audio/wav', extensions: ['wav'] }, matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE' },
  { type: { mediaType: 'audio/amr', extensions: ['amr'] }, matches: (b) => b.subarray(0, 6).toString('latin1') === '#!AMR\n' },
];

/** ISO base media: bytes 4–8 are "ftyp", 8–12 the major brand. */
function ftyp(b: Buffer, brands: string[]): boolean {
  return b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp' && brands.includes(b.subarray(8, 12).toString('latin1'));
}

export type EvidenceVerdict = { ok: true; type: EvidenceType } | { ok: false; code: 'EVIDENCE_TYPE_NOT_ALLOWED' | 'EVIDENCE_EXTENSION_MISMATCH'; message: string };

export function classifyEvidence(fileName: string, head: Buffer): EvidenceVerdict {
  const found = TYPES.find((t) => t.matches(head));
  if (!found) return { ok: false, code: 'EVIDENCE_TYPE_NOT_ALLOWED', message: '只接受照片（JPEG/PNG/HEIC）、PDF 文档和音视频（MP4/MOV/MP3/M4A/WAV/AMR）' };
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  if (!ext || !found.type.extensions.includes(ext)) {
    return { ok: false, code: 'EVIDENCE_EXTENSION_MISMATCH', message: `文件内容为 ${found.type.mediaType}，与文件扩展名“${ext ?? '无'}”不符` };
  }
  return { ok: true, type: found.type };
}
