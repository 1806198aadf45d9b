import type { Browser } from 'playwright-core';

export declare const PLAYGROUND_DIST: string;
export declare const CHROMIUM: string;

export interface StaticSite {
  origin: string;
  /** Paths served so far, in order. */
  served: string[];
  close: () => Promise<void>;
}

export declare function serveStatic(root: string): Promise<StaticSite>;
export declare function launchChromium(): Promise<Browser>;
