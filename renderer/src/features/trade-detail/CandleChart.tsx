import {
  CandlestickSeries,
  type AutoscaleInfo,
  createChart,
  createSeriesMarkers,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { ChartCandle, ChartMarker } from './trade-chart-data';

/** A horizontal line across the chart: stop, target, MAE, MFE. */
export type ChartLevel = { price: number; title: string; tone: 'loss' | 'gain' | 'muted' };

type Props = { candles: ChartCandle[]; markers: ChartMarker[]; levels: ChartLevel[]; label: string };

type Palette = {
  surface: string;
  text: string;
  muted: string;
  border: string;
  gain: string;
  loss: string;
  accent: string;
  warn: string;
};

/** The app's colours for the current theme, read from its CSS variables. */
export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    surface: v('--surface', '#ffffff'),
    text: v('--text', '#1b2230'),
    muted: v('--muted', '#667085'),
    border: v('--border', '#e3e6eb'),
    gain: v('--gain', '#0b7f57'),
    loss: v('--loss', '#c0362c'),
    accent: v('--accent', '#3651d4'),
    warn: v('--warn', '#a15c00'),
  };
}

/** The theme name on <html data-theme>, followed live. */
export function useThemeName(): string {
  const [theme, setTheme] = useState(() => document.documentElement.dataset['theme'] ?? 'light');
  useEffect(() => {
    const root = document.documentElement;
    const observer = new MutationObserver(() => setTheme(root.dataset['theme'] ?? 'light'));
    observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

type Parts = { chart: IChartApi; series: ISeriesApi<'Candlestick'>; markers: ISeriesMarkersPluginApi<Time> };

/**
 * Candles with markers and price lines, drawn by lightweight-charts on a canvas. The chart
 * follows its box's size (autoSize) and the theme, and is removed on unmount.
 */
export function CandleChart({ candles, markers, levels, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const parts = useRef<Parts | null>(null);
  const theme = useThemeName();

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const chart = createChart(element, {
      autoSize: true,
      timeScale: { timeVisible: true, secondsVisible: true },
      crosshair: { mode: 0 },
    });
    const series = chart.addSeries(CandlestickSeries, { priceLineVisible: false });
    parts.current = { chart, series, markers: createSeriesMarkers(series, []) };
    return () => {
      parts.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const p = parts.current;
    if (!p) return;
    const c = readPalette();
    p.chart.applyOptions({
      layout: { background: { color: c.surface }, textColor: c.muted, attributionLogo: false },
      grid: { vertLines: { color: c.border }, horzLines: { color: c.border } },
      rightPriceScale: { borderColor: c.border },
      timeScale: { borderColor: c.border },
    });
    p.series.applyOptions({
      upColor: c.gain,
      downColor: c.loss,
      borderUpColor: c.gain,
      borderDownColor: c.loss,
      wickUpColor: c.gain,
      wickDownColor: c.loss,
    });
  }, [theme]);

  useEffect(() => {
    const p = parts.current;
    if (!p) return;
    p.series.setData(candles.map((c) => ({ ...c, time: c.time as UTCTimestamp })));
    p.chart.timeScale().fitContent();
  }, [candles]);

  useEffect(() => {
    parts.current?.markers.setMarkers(markers.map((m) => ({ ...m, time: m.time as UTCTimestamp })));
  }, [markers]);

  useEffect(() => {
    const p = parts.current;
    if (!p) return undefined;
    const c = readPalette();
    const lines: IPriceLine[] = levels.map((l) =>
      p.series.createPriceLine({
        price: l.price,
        title: l.title,
        color: l.tone === 'loss' ? c.loss : l.tone === 'gain' ? c.gain : c.muted,
        lineWidth: 1,
        lineStyle: l.tone === 'muted' ? LineStyle.Dotted : LineStyle.Dashed,
        axisLabelVisible: true,
      }),
    );
    // Keep every level on screen: a stop far from the candles would otherwise sit off the scale.
    const prices = levels.map((l) => l.price);
    p.series.applyOptions({
      autoscaleInfoProvider: (base: () => AutoscaleInfo | null) => {
        const info = base();
        if (!info?.priceRange || prices.length === 0) return info;
        const { minValue, maxValue } = info.priceRange;
        return {
          ...info,
          priceRange: { minValue: Math.min(minValue, ...prices), maxValue: Math.max(maxValue, ...prices) },
        };
      },
    });
    return () => {
      // After unmount the chart is gone with its lines.
      if (parts.current === p) for (const line of lines) p.series.removePriceLine(line);
    };
  }, [levels, theme]);

  return (
    <div
      ref={box}
      className="candle-chart"
      role="img"
      aria-label={label}
      data-testid="candle-chart"
      data-markers={markers.length}
      data-candles={candles.length}
    />
  );
}
