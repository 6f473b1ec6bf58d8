const XML_DECLARATION = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * Decodes resource bytes to text: strips a UTF-8 byte-order mark and honours the encoding of an
 * XML declaration (e.g. `encoding="GBK"`, still common for files from older office software).
 * Unknown encodings fall back to UTF-8.
 */
export function decodeText(content: Buffer | string): string {
  if (typeof content === 'string') return content.replace(/^\uFEFF/, '');
  const head = content.subarray(0, 200).toString('latin1').replace(/^\u00EF\u00BB\u00BF/, '');
  const encoding = XML_DECLARATION.exec(head)?.[1]?.toLowerCase();
  if (encoding && encoding !== 'utf-8' && encoding !== 'utf8') {
    try {
      return new TextDecoder(encoding).decode(content).replace(/^\uFEFF/, '');
    } catch {
      // not an encoding Node knows: read it as UTF-8
    }
  }
  return content.toString('utf8').replace(/^\uFEFF/, '');
}
