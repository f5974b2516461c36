import { classifyEvidence } from './evidence-types';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'latin1'), Buffer.alloc(8)]);
const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1');

describe('evidence types, from the bytes', () => {
  it('accepts a file whose extension agrees with its bytes', () => {
    expect(classifyEvidence('现场照片.JPG', jpeg)).toMatchObject({ ok: true, type: { mediaType: 'image/jpeg' } });
    expect(classifyEvidence('询问笔录.pdf', pdf)).toMatchObject({ ok: true, type: { mediaType: 'application/pdf' } });
    expect(classifyEvidence('执法记录仪.mp4', mp4)).toMatchObject({ ok: true, type: { mediaType: 'video/mp4' } });
  });

  it('refuses a forged extension and unknown content', () => {
    expect(classifyEvidence('photo.jpg', pdf)).toMatchObject({ ok: false, code: 'EVIDENCE_EXTENSION_MISMATCH' });
    expect(classifyEvidence('photo.jpg', exe)).toMatchObject({ ok: false, code: 'EVIDENCE_TYPE_NOT_ALLOWED' });
    expect(classifyEvidence('no-extension', jpeg)).toMatchObject({ ok: false, code: 'EVIDENCE_EXTENSION_MISMATCH' });
    expect(classifyEvidence('empty.pdf', Buffer.alloc(0))).toMatchObject({ ok: false, code: 'EVIDENCE_TYPE_NOT_ALLOWED' });
  });
});
