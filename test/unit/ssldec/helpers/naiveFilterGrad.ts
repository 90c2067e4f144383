/** Filter gradient of sum(conv2d(x, f) * dy) computed naively: dW[a,b,c,o] = Σ x[n, y*s+a-pad, x*s+b-pad, c] dy[n,y,x,o]. */
export function naiveFilterGrad(x: number[][][][], dy: number[][][][], fh: number, fw: number, stride: number, padTop: number, padLeft: number): number[][][][] {
  const c = x[0][0][0].length;
  const o = dy[0][0][0].length;
  const out = Array.from({ length: fh }, () => Array.from({ length: fw }, () => Array.from({ length: c }, () => new Array(o).fill(0))));
  x.forEach((img, n) => dy[n].forEach((row, yy) => row.forEach((g, xx) => {
    for (let a = 0; a < fh; a++) for (let b = 0; b < fw; b++) {
      const iy = yy * stride + a - padTop;
      const ix = xx * stride + b - padLeft;
      if (iy < 0 || ix < 0 || iy >= img.length || ix >= img[0].length) continue;
      for (let ci = 0; ci < c; ci++) for (let oi = 0; oi < o; oi++) out[a][b][ci][oi] += img[iy][ix][ci] * g[oi];
    }
  })));
  return out;
}
