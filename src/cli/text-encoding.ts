/**
 * The input file as UTF-8. Excel saves "CSV UTF-8" as UTF-8 (with a byte-order mark), "Unicode Text" as UTF-16
 * (with one), and plain "CSV" in the system's code page: GB18030 (GBK) on Chinese Windows. Those are converted, so
 * Chinese headers and names read right; bytes that are valid UTF-8 are used as they are, without a copy.
 */
import { isUtf8 } from "node:buffer";

export type SourceEncoding = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "GB18030";

export function toUtf8(bytes: Buffer): { bytes: Buffer; encoding: SourceEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { bytes: recode(bytes.subarray(2), "utf-16le"), encoding: "UTF-16LE" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { bytes: recode(bytes.subarray(2), "utf-16be"), encoding: "UTF-16BE" };
  if (isUtf8(bytes)) return { bytes, encoding: "UTF-8" };
  try {
    return { bytes: recode(bytes, "gb18030", true), encoding: "GB18030" };
  } catch {
    // Neither: read as UTF-8, the bad bytes as U+FFFD, as before.
    return { bytes, encoding: "UTF-8" };
  }
}

function recode(bytes: Uint8Array, encoding: string, fatal = false): Buffer {
  return Buffer.from(new TextDecoder(encoding, { fatal }).decode(bytes), "utf8");
}
