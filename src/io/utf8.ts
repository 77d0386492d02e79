/**
 * UTF-8 validation with positions, for messages: where the first byte is that is not UTF-8,
 * and how many valid multi-byte sequences there are (a file with umlauts in UTF-8 and one
 * stray Windows-1252 byte is a UTF-8 file with a mistake, not a Windows-1252 file). Node's
 * isUtf8 answers only yes or no; this runs only on bytes that failed it.
 */
export interface Utf8Scan {
  /** Offset (from the start of `bytes`) of the first byte that is not valid UTF-8, or -1. */
  firstInvalid: number;
  /** How many bytes were not valid UTF-8. */
  invalid: number;
  /** How many valid sequences of two to four bytes there were. */
  multibyte: number;
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/** The length of the valid UTF-8 sequence at `i` (1 for ASCII), or 0 if the byte there starts none. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  if (lead < 0x80) return 1;
  const second = bytes[i + 1];
  let length: number;
  // RFC 3629 table: no overlong forms, no surrogates, nothing above U+10FFFF.
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead === 0xe0) length = second !== undefined && second >= 0xa0 && second <= 0xbf ? 3 : 0;
  else if (lead === 0xed) length = second !== undefined && second >= 0x80 && second <= 0x9f ? 3 : 0;
  else if (lead >= 0xe1 && lead <= 0xef) length = 3;
  else if (lead === 0xf0) length = second !== undefined && second >= 0x90 && second <= 0xbf ? 4 : 0;
  else if (lead >= 0xf1 && lead <= 0xf3) length = 4;
  else if (lead === 0xf4) length = second !== undefined && second >= 0x80 && second <= 0x8f ? 4 : 0;
  else return 0;
  for (let k = 1; k < length; k++) if (!isContinuation(bytes[i + k])) return 0;
  return length;
}

export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const result: Utf8Scan = { firstInvalid: -1, invalid: 0, multibyte: 0 };
  let i = 0;
  while (i < bytes.length) {
    if ((bytes[i] ?? 0) < 0x80) {
      i += 1;
      continue;
    }
    const length = sequenceAt(bytes, i);
    if (length === 0) {
      if (result.firstInvalid < 0) result.firstInvalid = i;
      result.invalid += 1;
      i += 1;
    } else {
      result.multibyte += 1;
      i += length;
    }
  }
  return result;
}

/** The 1-based line of a byte offset (line feeds before it, plus one). */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line += 1;
  return line;
}

export const hexByte = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** What a byte would be in Windows-1252, for a hint ("ä"), or null where it defines nothing. */
export function windows1252Char(byte: number): string | null {
  if (byte < 0x80) return null;
  const char = new TextDecoder('windows-1252').decode(Uint8Array.of(byte), { stream: true });
  return char === '\ufffd' || char.charCodeAt(0) < 0xa0 && char.charCodeAt(0) >= 0x80 ? null : char;
}
