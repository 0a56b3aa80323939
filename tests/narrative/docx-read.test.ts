/** The Word reader's answers to what is not a .docx (the LibreOffice-made documents: tests/fidelity/narrative-docx.fidelity.test.ts). */
import { readDocxNarrative, UnreadableDocumentError } from '../../src/docx/read';

describe('not a .docx', () => {
  test('.doc (OLE2) and random bytes: one Chinese sentence', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(readDocxNarrative(ole, '情况说明.doc')).rejects.toThrow(new UnreadableDocumentError('无法读取情况说明：情况说明.doc 是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再校验'));
    await expect(readDocxNarrative(new TextEncoder().encode('not a zip'), 'x.docx')).rejects.toThrow(/^无法读取情况说明：x\.docx 不是有效的 \.docx 文件/);
  });
});
