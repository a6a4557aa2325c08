import type { Token } from "@/lib/lint/statements";

// Small readers over a statement's tokens, shared by the classifiers.

// Compares without allocating an upper-cased copy of every word: `text` against an upper-case keyword.
function sameKeyword(text: string, keyword: string): boolean {
  if (text.length !== keyword.length) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122 ? c - 32 : c) !== keyword.charCodeAt(i)) return false;
  }
  return true;
}

export const isWord = (token: Token | undefined, ...keywords: string[]): boolean =>
  token?.kind === "word" && keywords.some((keyword) => sameKeyword(token.text, keyword));

export const isSymbol = (token: Token | undefined, symbol: string): boolean => token?.kind === "symbol" && token.text === symbol;

// The index after `words` when they appear in order at `i`, otherwise `i`: for optional clauses.
export function skip(tokens: Token[], i: number, ...words: string[]): number {
  return words.every((word, k) => isWord(tokens[i + k], word)) ? i + words.length : i;
}

export interface Name {
  // As written, for messages: `public."Users"`.
  text: string;
  // Folded the way PostgreSQL resolves it, without the default schema: to compare two mentions.
  key: string;
  next: number;
}

const fold = (token: Token) => (token.kind === "quoted" ? token.text.slice(1, -1).replaceAll('""', '"') : token.text.toLowerCase());

export function nameAt(tokens: Token[], i: number): Name | undefined {
  const parts: Token[] = [];
  let next = i;
  for (let token = tokens[next]; token?.kind === "word" || token?.kind === "quoted"; token = tokens[next]) {
    parts.push(token);
    next++;
    if (!isSymbol(tokens[next], ".")) break;
    next++;
  }
  if (parts.length === 0) return undefined;
  return { text: parts.map((part) => part.text).join("."), key: parts.map(fold).join(".").replace(/^public\./, ""), next };
}

// Comma-separated names, as in `DROP TABLE a, b CASCADE`.
export function namesAt(tokens: Token[], i: number): Name[] {
  const names: Name[] = [];
  for (let name = nameAt(tokens, i); name; name = isSymbol(tokens[name.next], ",") ? nameAt(tokens, name.next + 1) : undefined) {
    names.push(name);
  }
  return names;
}

// Splits at commas outside parentheses: the actions of one ALTER TABLE.
export function splitTopLevel(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (isSymbol(token, "(")) depth++;
    if (isSymbol(token, ")")) depth--;
    if (depth === 0 && isSymbol(token, ",")) parts.push([]);
    else parts[parts.length - 1]?.push(token);
  }
  return parts;
}

// The clauses outside parentheses, as one upper-cased line to search for phrases in: `NOT NULL`
// here is the column's, while `CHECK (a IS NOT NULL)` is not. Strings and symbols become `?`, so
// no phrase runs across them.
export function topLevelClauses(tokens: Token[]): (phrase: string) => boolean {
  const words: string[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (isSymbol(token, "(")) depth++;
    else if (isSymbol(token, ")")) depth--;
    else if (depth === 0) words.push(token.kind === "word" ? token.text.toUpperCase() : "?");
  }
  const line = ` ${words.join(" ")} `;
  return (phrase) => line.includes(` ${phrase} `);
}

// A type as written, up to USING or COLLATE: `varchar(20)`, `numeric(10, 2)`, `text[]`.
export function typeText(tokens: Token[]): string {
  const end = tokens.findIndex((token) => isWord(token, "USING", "COLLATE"));
  return (end === -1 ? tokens : tokens.slice(0, end))
    .map((token) => token.text)
    .join(" ")
    .replace(/ ([()[\],.])/g, "$1")
    .replace(/([([.]) /g, "$1");
}
