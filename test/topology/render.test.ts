import { describe, expect, it } from 'vitest';
import { persistenceDiagramSvg } from '../../src/render/persistence.js';

describe('persistence diagram', () => {
  it('draws one marker per bar, essential classes on the ∞ line, a legend with counts', () => {
    const svg = persistenceDiagramSvg([[{ birth: 0, death: 1 }, { birth: 0, death: Infinity }], [{ birth: 0.5, death: 2 }], []], { title: 'test <diagram>' });
    expect(svg.match(/<circle cx="[\d.]+" cy="[\d.]+" r="3.6"/g)?.length).toBe(3);
    expect(svg).toContain('H₀ (2)');
    expect(svg).toContain('H₁ (1)');
    expect(svg).toContain('H₂ (0)');
    expect(svg).toContain('test &lt;diagram&gt;');
    // the essential H₀ class sits on the dashed ∞ line, the finite ones below it
    const infY = Number(/<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="\1" stroke="#999" stroke-dasharray/.exec(svg)![1]);
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)" r="3.6"/g)].map((m) => Number(m[1]));
    expect(ys.filter((y) => y === infY).length).toBe(1);
    expect(ys.filter((y) => y > infY).length).toBe(2);
    // a point above the diagonal: death 2 at birth 0.5 is higher (smaller y) than death 1 at birth 0
    expect(ys[2]).toBeLessThan(ys[0]);
  });

  it('copes with an empty barcode and with all bars at one value', () => {
    expect(persistenceDiagramSvg([[], []])).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(persistenceDiagramSvg([[{ birth: 3, death: Infinity }]])).not.toContain('NaN');
  });
});
