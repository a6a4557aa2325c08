// libpg-query reports statement positions as UTF-8 byte offsets and error cursors as code points,
// while JavaScript strings index UTF-16 code units: these translate both, counting lines on the way.

export interface TextPosition {
  // Index into the JavaScript string.
  index: number;
  // 1-based.
  line: number;
}

// One forward walk per parse: statement offsets only grow, so seeking stays linear in the text.
export class ByteCursor {
  private index = 0;
  private byte = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  seek(byteOffset: number): TextPosition {
    const { text } = this;
    while (this.byte < byteOffset && this.index < text.length) {
      const c = text.charCodeAt(this.index);
      if (c === 10) this.line++;
      if (c < 0x80) this.byte += 1;
      else if (c < 0x800) this.byte += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        // A surrogate pair is one code point, four bytes in UTF-8.
        this.byte += 4;
        this.index++;
      } else this.byte += 3;
      this.index++;
    }
    return { index: this.index, line: this.line };
  }
}

// The 1-based line and column of the `codePoint`-th code point (0-based), columns counted in code
// points as a person counts characters.
export function lineAndColumn(text: string, codePoint: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let seen = 0;
  for (const char of text) {
    if (seen === codePoint) break;
    seen++;
    if (char === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}
