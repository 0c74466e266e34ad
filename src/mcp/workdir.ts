/**
 * The one directory the server reads uploads from and writes results to. A path an agent gives is
 * resolved against it and refused when it leads outside (.., absolute paths, symbolic links).
 */
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { WorkdirError } from './errors.js';

export const RESULTS_FOLDER = 'adql-results';

export class Workdir {
  /** The directory's real path (symbolic links resolved). */
  readonly root: string;

  constructor(dir: string) {
    if (!existsSync(dir)) throw new WorkdirError(`working directory ${dir} does not exist; create it or pass another --workdir`);
    this.root = realpathSync(dir);
  }

  /** The absolute path of `relative` inside the working directory; `what` names it in errors. */
  resolve(relative: string, what: string): string {
    const target = path.resolve(this.root, relative);
    // The deepest existing ancestor decides: a symbolic link inside may point outside.
    let existing = target;
    while (!existsSync(existing)) existing = path.dirname(existing);
    const real = path.join(realpathSync(existing), path.relative(existing, target));
    if (real !== this.root && !real.startsWith(this.root + path.sep)) {
      throw new WorkdirError(`${what} "${relative}" is outside the working directory ${this.root}; give a path inside it`);
    }
    return real;
  }

  /** An existing file inside the working directory. */
  existingFile(relative: string, what: string): string {
    const file = this.resolve(relative, what);
    if (!existsSync(file)) throw new WorkdirError(`${what} "${relative}" does not exist in the working directory ${this.root}`);
    return file;
  }

  /** A path for a file to write (its folder created), inside the working directory. */
  newFile(relative: string, what: string): string {
    const file = this.resolve(relative, what);
    mkdirSync(path.dirname(file), { recursive: true });
    return file;
  }

  /** The path relative to the working directory, with '/' separators (for resource URIs). */
  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }
}
