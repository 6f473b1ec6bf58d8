const XML_DECLARATION = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * Decodes resource bytes to text: strips a UTF-8 byte-order mark and honours the encoding of an
 * XML declaration (e.g. `encoding="GBK"`, still common for files from older office software).
 * The declaration of a re-decoded document is rewritten to UTF-8. Unknown encodings fall back to UTF-8.
 */
export function decodeText(content: Buffer | string): string {
  if (typeof content === 'string') return content.replace(/^\uFEFF/, '');
  const head = content.subarray(0, 200).toString('latin1').replace(/^\u00EF\u00BB\u00BF/, '');
  const encoding = XML_DECLARATION.exec(head)?.[1]?.toLowerCase();
  if (encoding && encoding !== 'utf-8' && encoding !== 'utf8') {
    try {
      const text = new TextDecoder(encoding).decode(content).replace(/^\uFEFF/, '');
      // the text is now decoded; say so, or the XML reader would warn about the old encoding
      return text.replace(/^(<\?xml[^>]*\bencoding\s*=\s*["'])[A-Za-z0-9._-]+(["'])/, '$1UTF-8$2');
    } catch {
      // not an encoding Node knows: read it as UTF-8
    }
  }
  return content.toString('utf8').replace(/^\uFEFF/, '');
}
