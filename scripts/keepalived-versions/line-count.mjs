// How keepalived's line numbers drift after a long line (KA106). keepalived reads a line in pieces of 1,023 bytes;
// a process that counts each piece as a line (from 2.4.0 every process; from 2.2.0 the VRRP and checker processes,
// whose copy of the file holds each piece as a line) names every later line too high. Before 2.4 the parent counts
// a line once its newline is read, so it names a piece before the last with the number of the line before.
// Checked with the 2.2.7 and 2.4.3 builds on lines of 1,022 to 2,100 bytes. Shared by configs.mjs and the fuzzers'
// classifier (scripts/fuzz-mutations.ts).

/** A line of this many bytes or more reaches keepalived in more than one piece (the newline being a piece of its own). */
export const PIECE_BYTES = 1023;

/** Whether any line (given by its length in bytes, newline excluded) reaches keepalived in pieces. */
export function hasLongLine(lineBytes) {
  return lineBytes.some((b) => b >= PIECE_BYTES);
}

/** The lines (1-based) a keepalived message numbered `line` may mean, under either count, besides `line` itself. */
export function linesCountingPieces(lineBytes, line) {
  const out = [];
  let counted = 0;
  for (let i = 0; i < lineBytes.length && counted < line; i++) {
    const pieces = Math.floor(lineBytes[i] / PIECE_BYTES) + 1;
    if (line <= counted + pieces && i + 1 !== line) out.push(i + 1);
    counted += pieces;
  }
  if (line < lineBytes.length && lineBytes[line] >= PIECE_BYTES) out.push(line + 1);
  return out;
}
