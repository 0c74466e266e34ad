// The import the issue names, bundled by the tests with esbuild and with Vite for the browser.
import { parse, validate, TapService } from 'adqlkit';

export const check = (text: string): number => validate(text).length + parse(text).errors.length;
export const service = (url: string): TapService => new TapService(url);
