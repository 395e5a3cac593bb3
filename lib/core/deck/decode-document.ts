import { documentIssue, DocumentError } from "./document-error";

/** What a document must be to be read: every byte valid UTF-8, no NUL; a BOM and CRLF are fine. */
export function decodeDocument(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new DocumentError("not-text", [
      documentIssue(
        "not-utf8",
        { byte: `0x${bytes[at]!.toString(16).padStart(2, "0")}` },
        lineAt(bytes, at),
      ),
    ]);
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    throw new DocumentError("not-text", [
      documentIssue("nul-bytes", {}, text.slice(0, nul).split("\n").length),
    ]);
  }
  // Line numbers in messages must match what the author's editor shows for a CRLF file too.
  return text.replace(/\r\n?/g, "\n");
}

/**
 * Byte index of the first invalid sequence: where the lenient decoder put its first U+FFFD that
 * the file does not itself contain (a literal U+FFFD is the valid bytes EF BF BD).
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const lenient = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  for (let at = lenient.indexOf("\uFFFD"); at >= 0; at = lenient.indexOf("\uFFFD", at + 1)) {
    const offset = encoder.encode(lenient.slice(0, at)).length;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) {
      return offset;
    }
  }
  return bytes.length - 1; // unreachable when the strict decoder failed
}

function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
