// Part of `npm run build`, after `tsc` and gen-help: bundles the CLI with esbuild into dist/bundle/,
// which bin/qwh.js runs. tsc's dist/ stays for the library entry (dist/index.js) and the types.
//
// - start.cjs (src/cli/start.ts, CommonJS): answers --version/--help without the ES module
//   loader, otherwise imports one of the bundles below.
// - qwh-<command>.js for each top-level command: src/cli/entry.ts with that command's modules
//   only (the spec files' lazy imports of other commands' modules become a stub that cannot be
//   reached: the starter picks this bundle only when argv[0] is the command's name, so commander
//   dispatches to it). Code splitting keeps what the command loads lazily (undici, inquirer, ora,
//   cosmiconfig, the error printer) in chunks of their own.
// - qwh.js: every command, for every other argv (`qwh`, `qwh --no-color check`, `qwh help`, typos).
// Every output file sits two levels below the package root, like dist/cli/main.js, so
// `new URL('../../…', import.meta.url)` paths resolve the same. Source maps are not written (the
// package does not ship them). Measured in bench/BENCHMARKS.md ("Start-up").
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildProgram } from '../dist/cli/program.js';

const src = (p) => new URL(`../src/${p}`, import.meta.url).pathname;
const outdir = new URL('../dist/bundle/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });

/** The module files a top-level command's actions load, by name, when not `<command>[-*].ts`. */
const MODULES_OF = { adapter: ['adapter-test'], completion: ['command'] };
const commands = buildProgram('0.0.0', async () => {}).commands.map((c) => c.name());
const ownModule = (command, name) =>
  (MODULES_OF[command] ?? [command]).some((m) => name === m || name.startsWith(`${m}-`));

const common = {
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  // commander, undici and cosmiconfig are CommonJS: their `require('node:…')` calls need a real
  // require in an ES module.
  banner: {
    js: "import { createRequire as __qwhCreateRequire } from 'node:module'; const require = __qwhCreateRequire(import.meta.url);",
  },
  // cosmiconfig's TypeScript loader requires `typescript` lazily (an optional peer, never a
  // dependency of qwh, and qwh refuses code configs before any loader runs).
  external: ['typescript'],
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * The big libraries, bundled once: the shared bundle exports each as an entry of
 * its own (lib-<name>.js, every export named, so CommonJS packages keep their named exports) and
 * the command bundles import that file instead of carrying a copy each (the bundle folder is 11 MB instead of 20 MB).
 * None of them imports qwh code, so no qwh module gets a second instance.
 */
// Not zod: each command bundle keeps only the zod it uses (a shared copy must export all of it:
// `check` then compiled ≈ 200 kB more in two more files and started ≈ 4 % slower).
const SHARED_LIBS = ['undici', 'cosmiconfig', 'ora', '@inquirer/prompts', 'yaml'];
const libFile = (pkg) => `lib-${pkg.replace(/[@/]+/g, '-').replace(/^-/, '')}`;
async function reexports(pkg) {
  const names = Object.keys(await import(pkg)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  return `export { ${names.join(', ')} } from '${pkg}';`;
}
const sharedEntries = {
  name: 'shared-libs',
  setup(b) {
    b.onResolve({ filter: /^shared-lib:/ }, (a) => ({
      path: a.path.slice(11),
      namespace: 'shared-lib',
    }));
    b.onLoad({ filter: /.*/, namespace: 'shared-lib' }, async (a) => ({
      contents: await reexports(a.path),
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'js',
    }));
  },
};
const sharedImports = {
  name: 'shared-imports',
  setup(b) {
    const filter = new RegExp(`^(${SHARED_LIBS.map((l) => l.replace(/[/]/g, '\\/')).join('|')})$`);
    b.onResolve({ filter }, (a) => ({ path: `./${libFile(a.path)}.js`, external: true }));
  },
};

/** esbuild plugin: a spec file's lazy import of another command's module becomes a stub. */
function onlyCommand(command, kept) {
  return {
    name: 'only-command',
    setup(b) {
      b.onResolve({ filter: /\/(commands\/[a-z-]+|completion\/command)\.js$/ }, (a) => {
        if (!a.importer.includes('/src/cli/specs/')) return undefined;
        const name = a.path.match(/([a-z-]+)\.js$/)[1];
        if (ownModule(command, name)) {
          kept.add(name);
          return undefined;
        }
        stubbed.add(name);
        return { path: name, namespace: 'not-in-bundle' };
      });
      b.onLoad({ filter: /.*/, namespace: 'not-in-bundle' }, (a) => ({
        contents: `export default () => { throw new Error('qwh bundle for "${command}" has no ${a.path} (scripts/bundle.js)'); };`,
        loader: 'js',
      }));
    },
  };
}

const stubbed = new Set();
const keptAnywhere = new Set();
const bundles = {};
const builds = commands.map(async (command) => {
  const kept = new Set();
  await build({
    ...common,
    entryPoints: { [`qwh-${command}`]: src('cli/entry.ts') },
    plugins: [onlyCommand(command, kept), sharedImports],
  });
  // A command whose modules the naming rule misses would fail at run time: fail the build.
  if (kept.size === 0)
    throw new Error(`scripts/bundle.js: no module kept for "${command}"; add it to MODULES_OF`);
  for (const k of kept) keptAnywhere.add(k);
  bundles[command] = `qwh-${command}.js`;
});
builds.push(
  build({
    ...common,
    entryPoints: {
      qwh: src('cli/entry.ts'),
      ...Object.fromEntries(SHARED_LIBS.map((l) => [libFile(l), `shared-lib:${l}`])),
    },
    plugins: [sharedEntries],
  }),
);
await Promise.all(builds);
const orphans = [...stubbed].filter((m) => !keptAnywhere.has(m));
if (orphans.length > 0)
  throw new Error(
    `scripts/bundle.js: no command's bundle has ${orphans.join(', ')}; add to MODULES_OF`,
  );

await build({
  entryPoints: [src('cli/start.ts')],
  outfile: `${outdir}start.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { QWH_BUNDLES: JSON.stringify(bundles) },
  legalComments: 'none',
  logLevel: 'warning',
});
