// Types for asciichart 1.5 (the package ships none): only the parts the loss chart uses.
declare module 'asciichart' {
  export interface PlotConfig {
    min?: number;
    max?: number;
    height?: number;
    offset?: number;
    padding?: string;
    colors?: (string | undefined)[];
    format?: (x: number, i: number) => string;
    symbols?: string[];
  }
  export function plot(series: number[] | number[][], config?: PlotConfig): string;
  export const darkgray: string;
  export const cyan: string;
  export const lightcyan: string;
  export const yellow: string;
  export const lightyellow: string;
  const asciichart: {
    plot: typeof plot;
    darkgray: string;
    cyan: string;
    lightcyan: string;
    yellow: string;
    lightyellow: string;
  };
  export default asciichart;
}
