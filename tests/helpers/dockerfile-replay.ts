/**
 * Replays the project's Dockerfile without a Docker engine (the test machines have none): each
 * stage is a folder standing for its /app, `COPY` copies from the build context (filtered by
 * .dockerignore) or from an earlier stage, `RUN` runs the command in the stage's folder with /app
 * pointing there. What it cannot check — the base image's files, the `bun` user, the volume —
 * stays with a real `docker build`. Only the instructions the Dockerfile uses are understood; any
 * other makes the replay throw, so a new instruction cannot be skipped silently.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export interface ReplayedImage {
  /** The final stage's /app. */
  readonly root: string;
  readonly env: Record<string, string>;
  readonly cmd: string[];
  readonly healthcheck: string[];
  readonly user: string | undefined;
  readonly volumes: string[];
  readonly exposed: string[];
  /** Base images by stage, as the FROM lines name them. */
  readonly bases: string[];
}

const WORKDIR = '/app';

/** .dockerignore patterns (Go filepath.Match with **, `!` re-includes), as a predicate on context paths. */
export function dockerIgnore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => ({ include: line.startsWith('!'), glob: new Bun.Glob(line.replace(/^!/, '').replace(/^\/+|\/+$/g, '')) }));
  return (path) => {
    const parts = path.split('/');
    let ignored = false;
    for (const rule of rules) {
      // A pattern that matches a folder excludes everything in it.
      const hit = parts.some((_, i) => rule.glob.match(parts.slice(0, i + 1).join('/')));
      if (hit) ignored = !rule.include;
    }
    return ignored;
  };
}

/** Dockerfile lines with continuations joined, comments and blanks dropped. */
function instructions(text: string): { op: string; args: string }[] {
  const joined = text.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

function copyInto(source: string, destination: string, keep: (path: string) => boolean) {
  if (statSync(source).isDirectory()) {
    cpSync(source, destination, { recursive: true, filter: (path) => keep(path) });
  } else {
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(source, destination);
  }
}

interface Stage {
  readonly dir: string;
  readonly env: Record<string, string>;
}

interface ReplayContext {
  readonly context: string;
  readonly work: string;
  readonly ignored: (path: string) => boolean;
  readonly run: (command: string, cwd: string, env: Record<string, string>) => void;
}

function copy(ctx: ReplayContext, stages: Map<string, Stage>, stage: Stage, args: string) {
  const words = args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  const dest = paths.pop() ?? '';
  const target = join(stage.dir, dest.startsWith(WORKDIR) ? relative(WORKDIR, dest) : dest);
  for (const src of paths) {
    const base = from === undefined ? ctx.context : (stages.get(from)?.dir ?? '');
    if (base === '') throw new Error(`COPY --from=${from}: no such stage`);
    const path = join(base, from === undefined ? src : relative(WORKDIR, src));
    if (from === undefined && ctx.ignored(src)) throw new Error(`COPY ${src}: excluded by .dockerignore`);
    if (!existsSync(path)) throw new Error(`COPY ${src}: not found in ${from ?? 'the build context'}`);
    const into = paths.length > 1 || dest.endsWith('/') ? join(target, src.split('/').pop() ?? src) : target;
    const keep = (p: string) => from !== undefined || !ctx.ignored(relative(ctx.context, p));
    copyInto(path, into, keep);
  }
}

export function replayDockerfile(ctx: ReplayContext): ReplayedImage {
  const lines = instructions(readFileSync(join(ctx.context, 'Dockerfile'), 'utf8'));
  const args = new Map<string, string>();
  const stages = new Map<string, Stage>();
  const image = { cmd: [] as string[], healthcheck: [] as string[], user: undefined as string | undefined, volumes: [] as string[], exposed: [] as string[], bases: [] as string[] };
  let stage: Stage | undefined;
  const sub = (text: string) => text.replace(/\$\{(\w+)\}/g, (_, name: string) => args.get(name) ?? '');
  for (const { op, args: raw } of lines) {
    const text = sub(raw);
    if (op === 'ARG') {
      const [name = '', value = ''] = text.split('=');
      args.set(name, value);
    } else if (op === 'FROM') {
      const [base = '', , name = `stage${stages.size}`] = text.split(/\s+/);
      const dir = join(ctx.work, name);
      const parent = stages.get(base);
      // Hard links: a stage's node_modules is hundreds of MB, and nothing rewrites files in place.
      if (parent && spawnSync('cp', ['-al', parent.dir, dir]).status !== 0) throw new Error(`FROM ${base}: cannot copy the stage`);
      if (!parent) mkdirSync(dir, { recursive: true });
      image.bases.push(base);
      stage = { dir, env: { ...parent?.env } };
      stages.set(name, stage);
    } else if (!stage) {
      throw new Error(`${op} before FROM`);
    } else if (op === 'WORKDIR') {
      if (text !== WORKDIR) throw new Error(`WORKDIR ${text}: the replay knows only ${WORKDIR}`);
    } else if (op === 'COPY') {
      copy(ctx, stages, stage, text);
    } else if (op === 'RUN') {
      ctx.run(text.replaceAll(WORKDIR, stage.dir), stage.dir, stage.env);
    } else if (op === 'ENV') {
      for (const pair of text.split(/\s+/)) {
        const [name = '', value = ''] = pair.split('=');
        stage.env[name] = value;
      }
    } else if (op === 'CMD') {
      image.cmd = JSON.parse(text) as string[];
    } else if (op === 'HEALTHCHECK') {
      image.healthcheck = JSON.parse(text.slice(text.indexOf('CMD ') + 4)) as string[];
    } else if (op === 'USER') {
      image.user = text;
    } else if (op === 'VOLUME') {
      image.volumes.push(text);
    } else if (op === 'EXPOSE') {
      image.exposed.push(text);
    } else {
      throw new Error(`Dockerfile instruction ${op} is not understood by the replay`);
    }
  }
  if (!stage) throw new Error('Dockerfile has no FROM');
  return { root: stage.dir, env: stage.env, ...image };
}
