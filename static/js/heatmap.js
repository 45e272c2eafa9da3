// The decision boundary of a 2-D data set as a heatmap with the data points on top, drawn on a plain
// canvas (Chart.js has no heatmap).
// Classes differ by shape as well as colour; probabilities run orange (class 0) - white - blue (class 1).

const CLASS_COLORS = ['#d55e00', '#0072b2', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#f0e442', '#000000'];
const SHAPES = ['circle', 'square', 'triangle', 'diamond'];

function hex(c) { const n = parseInt(c.slice(1), 16); return [(n >> 16) & 255, (n >> 8) & 255, n & 255]; }
function mix(a, b, t) { return a.map((v, i) => Math.round(v + (b[i] - v) * t)); }
const WHITE = [255, 255, 255];

/** The colour of a cell value: value "probability" of class 1, "class" index, or "output" scaled to [lo, hi]. */
function cellColor(kind, v, lo, hi) {
  if (v === null || Number.isNaN(v)) return [200, 200, 200];
  if (kind === 'class') return mix(hex(CLASS_COLORS[v % CLASS_COLORS.length]), WHITE, 0.55);
  const p = kind === 'probability' ? v : (v - lo) / ((hi - lo) || 1);
  const c = Math.max(0, Math.min(1, p));
  return c < 0.5 ? mix(hex(CLASS_COLORS[0]), WHITE, 0.35 + 1.3 * c) : mix(WHITE, hex(CLASS_COLORS[1]), (c - 0.5) * 1.3);
}

function mark(g, shape, x, y, r) {
  g.beginPath();
  if (shape === 'circle') g.arc(x, y, r, 0, 2 * Math.PI);
  else if (shape === 'square') g.rect(x - r, y - r, 2 * r, 2 * r);
  else if (shape === 'triangle') { g.moveTo(x, y - r * 1.2); g.lineTo(x + r * 1.1, y + r * 0.8); g.lineTo(x - r * 1.1, y + r * 0.8); g.closePath(); }
  else { g.moveTo(x, y - r * 1.3); g.lineTo(x + r * 1.1, y); g.lineTo(x, y + r * 1.3); g.lineTo(x - r * 1.1, y); g.closePath(); }
  g.fill(); g.stroke();
}

/**
 * heatmap(canvas).draw(boundary, cells, points): boundary = the frame's { size, xMin, xMax, yMin, yMax, value },
 * cells = one network's (size * size) row-major values, row 0 at the lowest y; points = { x[], y[], value[] }.
 */
export function heatmap(canvas) {
  const g = canvas.getContext('2d');
  return {
    canvas,
    draw(b, cells, points) {
      const w = canvas.width, h = canvas.height;
      g.fillStyle = '#fff'; g.fillRect(0, 0, w, h);
      if (!b) return;
      if (cells) {
        let lo = Infinity, hi = -Infinity;
        for (const v of cells) if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        const img = g.createImageData(b.size, b.size);
        for (let r = 0; r < b.size; r++) {
          for (let c = 0; c < b.size; c++) {
            const [R, G, B] = cellColor(b.value, cells[r * b.size + c], lo, hi);
            const i = ((b.size - 1 - r) * b.size + c) * 4; // image rows run downwards, grid rows upwards
            img.data[i] = R; img.data[i + 1] = G; img.data[i + 2] = B; img.data[i + 3] = 255;
          }
        }
        const tile = document.createElement('canvas');
        tile.width = b.size; tile.height = b.size;
        tile.getContext('2d').putImageData(img, 0, 0);
        g.imageSmoothingEnabled = true;
        g.drawImage(tile, 0, 0, w, h);
      } else {
        g.fillStyle = '#eee'; g.fillRect(0, 0, w, h);
      }
      if (!points) return;
      const sx = w / (b.xMax - b.xMin), sy = h / (b.yMax - b.yMin);
      g.lineWidth = 1.2;
      g.strokeStyle = '#1b1f24';
      for (let i = 0; i < points.x.length; i++) {
        const k = b.value === 'output' ? 0 : Math.round(points.value[i]);
        g.fillStyle = CLASS_COLORS[k % CLASS_COLORS.length];
        mark(g, SHAPES[k % SHAPES.length], (points.x[i] - b.xMin) * sx, h - (points.y[i] - b.yMin) * sy, 3.5);
      }
    },
  };
}
