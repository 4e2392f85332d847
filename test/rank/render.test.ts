import { describe, it, expect } from 'vitest';
import { heatmapSvg, lineChartSvg, histogramPairSvg } from '../../src/render/rank.js';

describe('rank pictures', () => {
  it('heat map: one cell per value, the numbers written in, low and high in different colours', () => {
    const svg = heatmapSvg(['2', '5'], ['2', '25'], [[1, 0], [1, 0.5]], { xLabel: 'width', yLabel: 'm', range: [0, 1], format: (v) => v.toFixed(2) });
    const cells = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="30" fill="([^"]+)"/g)].map((m) => m[1]);
    expect(cells).toHaveLength(4);
    expect(cells[0]).toBe(cells[2]); // both 1
    expect(cells[0]).not.toBe(cells[1]);
    for (const t of ['1.00', '0.00', '0.50', 'width']) expect(svg).toContain(`>${t}<`);
  });
  it('line chart and histograms draw every series and bin', () => {
    const line = lineChartSvg([{ name: 'min', x: [1, 2, 3], y: [3, 2, 1] }, { name: 'max', x: [1, 2, 3], y: [3, 3, 3], dashed: true }], { xLabel: 'r', yLabel: 'rank', shade: [1.5, 2.5] });
    expect(line.match(/<polyline /g)).toHaveLength(2);
    expect(line.match(/<circle /g)).toHaveLength(3); // dots on the solid series only
    expect(line).toContain('stroke-dasharray="6 4"');
    const hist = histogramPairSvg([{ title: 'layer 1', before: [0, 2, 5], after: [1, 0, 3] }], { xLabel: 'rank' });
    expect(hist.match(/opacity="0.6"\/>/g)!.length).toBe(4 + 2); // nonzero bins + the legend swatches
  });
});
