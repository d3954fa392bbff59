export declare const PIECE_BYTES: number;
export declare function hasLongLine(lineBytes: number[]): boolean;
export declare function linesCountingPieces(lineBytes: number[], line: number): number[];
