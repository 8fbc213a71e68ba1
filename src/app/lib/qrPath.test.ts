import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPath } from './qrPath';

describe('qrPath', () => {
  it('draws one unit square per dark module, inside a 4-module quiet zone', () => {
    const text = 'http://localhost:4173/?v=2&dataset=ring8&model=mlp2d&hide=setup,lab&autostart=1';
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let dark = 0;
    for (let i = 0; i < modules.data.length; i++) dark += modules.data[i] ? 1 : 0;
    const { size, d } = qrPath(text);
    expect(size).toBe(modules.size + 8);
    const squares = d.match(/M(\d+) (\d+)h1v1h-1z/g) ?? [];
    expect(squares.length).toBe(dark);
    // The top-left finder pattern starts at the quiet zone's edge: module (0, 0) is dark.
    expect(squares[0]).toBe('M4 4h1v1h-1z');
    for (const sq of squares) {
      const [, x, y] = /M(\d+) (\d+)/.exec(sq)!.map(Number);
      expect(x).toBeGreaterThanOrEqual(4);
      expect(y).toBeLessThan(size - 4);
    }
  });

  it('grows with the text (a shorter link is a coarser, easier code)', () => {
    expect(qrPath('http://a.b/?v=2').size).toBeLessThan(qrPath(`http://a.b/?${'x'.repeat(300)}`).size);
  });
});
