/// <reference lib="dom" />
/** A point layer draws every row's point, selected rows on top in the selection colour. */
export interface PointLayer {
  readonly name: 'webgl2' | 'canvas2d';
  /** Draw all points; with a mask (1 = selected), unselected points grey and selected ones on top. */
  draw(selection: Uint8Array | null): void;
  destroy(): void;
}
