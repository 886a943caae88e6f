/**
 * Commander wiring only [changesets cli.ts]: declares every command and option and hands the parsed values
 * to commands/*. Each command module is imported when its command runs, so `--help` loads nothing heavy.
 * Completions (src/completion/) are generated from this definition, and a test keeps them in sync.
 */
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from './context.js';

/** Stages `--expect` accepts, in timeline order. */
export const EXPECT_STAGES = ['im', 'offline', 'channel', 'device', 'click'] as const;

/** Parses a number option; commander reports a bad value as a usage error (exit 2). */
export function numberArg(kind: 'int' | 'positive-int' | 'positive'): (value: string) => number {
  return (value) => {
    const n = Number(value);
    const ok =
      value.trim() !== '' &&
      Number.isFinite(n) &&
      (kind === 'positive' ? n > 0 : Number.isInteger(n) && (kind === 'int' ? n >= 0 : n > 0));
    if (!ok) {
      const what = kind === 'positive' ? 'a number greater than 0' : kind === 'int' ? 'a whole number >= 0' : 'a whole number greater than 0';
      throw new InvalidArgumentError(`expected ${what}.`);
    }
    return n;
  };
}

/**
 * --expire for a UserSig: decimal digits only, 1 to 2147483647. The official tls-sig-api-v2 signs the text
 * as typed but stores Number(text), so `1e20` or `0x10` give a sig whose signature no verifier reproduces;
 * and its userbuf and Tencent's servers hold times in 32-bit fields.
 */
export function expireArg(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value.trim()) || n < 1 || n > 2147483647) {
    throw new InvalidArgumentError('expected a whole number of seconds from 1 to 2147483647 (digits only; 86400 is one day).');
  }
  return n;
}

/** Parses a TCP port (0 picks a free one). */
export function portArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port between 0 and 65535.');
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds the credential options shared by trace, usersig and sandbox. */
function credentialOptions(cmd: Command, opts: { usersig: boolean; target: boolean }): Command {
  cmd
    .option('--sdkappid <id>', 'SDKAppID of the app (env CHATPUSH_SDKAPPID)')
    .option('--identifier <id>', 'App admin identifier (env CHATPUSH_IDENTIFIER) (default: "administrator")')
    .option('--secret-key-file <path>', 'read the secret key from this file (env CHATPUSH_SECRET_KEY)');
  if (opts.usersig) cmd.option('--usersig <sig>', 'use this ready-made UserSig instead of signing (env CHATPUSH_USERSIG)');
  if (opts.target) {
    cmd
      .option('--region <region>', 'data centre: cn, sgp, kr, ger, usa, idn (env CHATPUSH_REGION) (default: "sgp")')
      .option('--endpoint <url>', 'base URL that replaces the region host (env CHATPUSH_ENDPOINT)');
  }
  return cmd;
}

export interface CliResult {
  program: Command;
  /** The exit code the last action asked for (0 when it returned nothing). */
  exitCode(): number;
}

// Commander calls actions with (...arguments, options, command); commands get (...arguments, options, ctx).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Action = (...args: any[]) => Promise<number | void>;
/** Wraps a command's function as a commander action. */
type Run = (fn: Action) => (...args: unknown[]) => Promise<void>;

/**
 * Builds the program. `ctxFor` turns the parsed global options into the Context the commands receive.
 * Given `argv`, only the command it names is defined (see commandNamed); without it, or when argv names no
 * command, every command is.
 */
export function buildProgram(
  version: string,
  ctxFor: (cmd: Command) => Context | Promise<Context>,
  output: { writeOut(s: string): void; writeErr(s: string): void; helpWidth(): number },
  argv?: readonly string[],
): CliResult {
  let exitCode = 0;
  const run: Run =
    (fn) =>
    async (...args: unknown[]): Promise<void> => {
      const cmd = args[args.length - 1] as Command;
      exitCode = (await fn(...args.slice(0, -1), await ctxFor(cmd))) ?? 0;
    };

  // exitOverride and configureOutput are copied to subcommands when they are created, so set them first:
  // commander then throws instead of exiting, and main.ts reports its errors as one line.
  const program = new Command('chatpush')
    .exitOverride()
    .configureOutput({
      writeOut: output.writeOut,
      writeErr: output.writeErr,
      outputError: () => {},
      getOutHelpWidth: output.helpWidth,
      getErrHelpWidth: output.helpWidth,
      // chatpush's help carries no colour. Saying so keeps commander from creating process.stdout and
      // process.stderr (node:net for a pipe, ~3 ms) only to ask whether they could show it.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    // Every command's help lists the global flags too (issue 11); set before the commands are created, which
    // copy the help settings of their parent.
    .configureHelp({ showGlobalOptions: true, minWidthToWrap: 20 }) // commander leaves descriptions unwrapped below 40 columns of room: at 60 they ran past the terminal
    .description('Trace Tencent Cloud Chat push notifications and replay IM / OpenIM webhooks against your backend.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--json', 'print one JSON document on stdout (schemaVersion 1)')
    .option('-q, --quiet', 'print only results; no progress or info lines')
    .option('-v, --verbose', 'log requests (secrets redacted) and show stack traces')
    .option('--no-color', 'disable colour (also NO_COLOR, TERM=dumb)')
    .option('--profile <name>', 'config profile to use (env CHATPUSH_PROFILE) (default: "default")')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  $ chatpush demo                                   try everything offline
  $ chatpush trace 67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421
  $ chatpush replay fixtures/callbacks/tencent --url http://127.0.0.1:8080/im/callback
  $ chatpush explain 70009
  $ chatpush doctor                                 check your set-up first

Exit codes: 0 ok, 1 negative outcome, 2 usage, 3 config,
            4 auth, 5 service, 6 network, 7 not found,
            8 still pending, 130 interrupted.`,
    );

  const wanted = argv === undefined ? undefined : commandNamed(argv);
  for (const [name, define] of COMMANDS) if (wanted === undefined || wanted === name) define(program, run);

  return { program, exitCode: () => exitCode };
}

/** Every command, in the order of `chatpush --help`. */
const COMMANDS: ReadonlyArray<readonly [string, (program: Command, run: Run) => void]> = [
  ['trace', defineTrace],
  // v2 push diagnostics (issue 12)
  ['stats', defineStats],
  ['loss', defineLoss],
  ['online', defineOnline],
  ['doctor', defineDoctor],
  ['replay', defineReplay],
  ['fixtures', defineFixtures],
  ['webhook', defineWebhook],
  ['usersig', defineUsersig],
  ['config', defineConfig],
  ['explain', defineExplain],
  ['completion', defineCompletion],
  ['sandbox', defineSandbox],
  ['listen', defineListen],
  ['demo', defineDemo],
];

/** Global options that may come before the command word without changing what it runs. */
const PLAIN_GLOBAL_FLAGS = new Set(['--json', '-q', '--quiet', '-v', '--verbose', '--no-color']);

/**
 * The command argv runs, when defining that one alone is enough: the first word after the global options
 * (--profile takes a value). Defining a single command instead of all of them saves a millisecond of every
 * start (bench/startup.mjs). Anything else gets the whole program: `--help` or an unknown option before the
 * command (root help lists every command), `help` and `completion`, and a word that names no command (a
 * typo, which needs every name for commander's "did you mean").
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--profile') i++;
    else if (arg.startsWith('--profile=') || PLAIN_GLOBAL_FLAGS.has(arg)) continue;
    else if (arg.startsWith('-')) return undefined;
    else return COMMANDS.some(([name]) => name === arg) && arg !== 'completion' ? arg : undefined;
  }
  return undefined;
}

function defineTrace(program: Command, run: Run): void {
  const trace = program
    .command('trace')
    .description('show where a push went: IM server → offline submit → vendor → device → click')
    .argument('[pushIds...]', 'PushIDs to trace ("-" reads them from stdin, one per line)');
  credentialOptions(trace, { usersig: true, target: true })
    .option('--from-file <path>', 'read PushIDs from a file, one per line ("-" for stdin)')
    .addOption(new Option('--expect <stage>', 'stage that must succeed for exit 0').choices(EXPECT_STAGES).default('device'))
    .option('--watch', 'poll (at least 1 s apart) until the expected stage succeeds or fails')
    .option('--watch-timeout <s>', 'give up watching after this many seconds, then exit 8 (default: 120)', numberArg('positive'))
    .option('--timeout <s>', 'per-request timeout in seconds', numberArg('positive'), 10)
    .option('--retries <n>', 'retries for rate-limit and transient errors', numberArg('int'), 3)
    .option('--response-file <file>', 'render a saved normal_push_trace response; no network or credentials')
    .option('--task <TaskID>', 'trace recipients of an all-user / tag push (all_member_push_trace; TaskId from the push API)')
    .option('--user <UserID...>', 'with --task: the recipients to trace ("-" reads them from stdin)')
    .option('--online', 'with --task: add each recipient\'s current online state to the verdict')
    .option('--from-callbacks <file...>', 'trace the PushIDs of Push.OfflinePush events in captured callbacks (listen --save)')
    .option('--failed', 'with --from-callbacks: only events whose ErrCode is not 0')
    .option('--summary', 'after the traces, group them by verdict, vendor, failed stage and cause')
    .option('--resume <file>', 'skip PushIDs already traced in this --json output or --report-html file')
    .option('--report-html <file>', 'write a self-contained HTML report (timelines, summary)')
    .option('--report-markdown <file>', 'write the summary as GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY)')
    .option('--junit <file>', 'write JUnit XML: one test case per PushID, failed when --expect is not met')
    .addHelpText(
      'after',
      `
Examples:
  $ chatpush trace 67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421
  $ chatpush trace --task 1400123456_144115212910570789_4155518400_15723514 --user alice bob --online
  $ chatpush trace --region cn --expect click <PushID> <PushID>
  $ chatpush trace --watch --watch-timeout 60 <PushID>
  $ chatpush trace --json <PushID> | jq '.traces[0].verdict'
  $ chatpush trace --response-file saved-response.json
  $ chatpush trace --from-callbacks captured.jsonl --failed --summary --report-html report.html
  $ chatpush trace --from-callbacks captured.jsonl --failed --report-html report.html --resume report.html`,
    )
    .action(run(async (pushIds: string[], opts, ctx) => (await import('./commands/trace.js')).runTrace(pushIds, opts, ctx)));
}

/** The window flags of stats and loss (spec.md v2). */
function windowOptions(cmd: Command, maxDays: number): Command {
  return cmd
    .option('--since <dur>', `window ending now: 90m, 24h, ${maxDays}d (default 24h; at most ${maxDays} days)`)
    .option('--from <time>', 'window start: ISO 8601 (no zone = local time) or unix seconds')
    .option('--to <time>', 'window end (default now)');
}

function defineStats(program: Command, run: Run): void {
  const stats = program.command('stats').description('the delivery funnel per vendor (total → sent → delivered → clicked), with CI thresholds');
  credentialOptions(windowOptions(stats, 30), { usersig: true, target: true })
    .option('--task <TaskID>', 'all-user / tag push task (repeatable; 5 per request, more are split)', collect)
    .option('--threshold <expr>', "pass condition, e.g. 'delivered>=90%' or 'delivered[huawei]>=80%' (repeatable; a failure exits 1)", collect)
    .option('--timeout <s>', 'per-request timeout in seconds', numberArg('positive'), 10)
    .option('--retries <n>', 'retries for rate-limit and transient errors', numberArg('int'), 3)
    .option('--report-html <file>', 'write a self-contained HTML report (funnel bars per vendor)')
    .option('--report-markdown <file>', 'write the funnel as GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY)')
    .addHelpText(
      'after',
      `
Metrics: sent, delivered, clicked (rates: 90% or 0.9);
         total, sentCount, deliveredCount, clickedCount.
Vendors: apns, xiaomi, huawei, fcm, meizu, oppo, vivo, honor
Operators: < <= > >= ==

Examples:
  $ chatpush stats --since 7d
  $ chatpush stats --threshold 'delivered>=90%' --threshold 'delivered[huawei]>=80%'
  $ chatpush stats --task <TaskID> --task <TaskID> --json | jq '.results[].rates'`,
    )
    .action(run(async (opts, ctx) => (await import('./commands/stats.js')).runStats(opts, ctx)));
}

function defineLoss(program: Command, run: Run): void {
  const loss = program.command('loss').description('where pushes were lost: causes ranked by count, with their share and next step');
  credentialOptions(windowOptions(loss, 7), { usersig: true, target: true })
    .option('--task <TaskID>', 'all-user / tag push task (repeatable; 5 per request, more are split)', collect)
    .option('--timeout <s>', 'per-request timeout in seconds', numberArg('positive'), 10)
    .option('--retries <n>', 'retries for rate-limit and transient errors', numberArg('int'), 3)
    .option('--report-html <file>', 'write a self-contained HTML report (loss causes ranked)')
    .option('--report-markdown <file>', 'write the ranked causes as GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY)')
    .addHelpText('after', `\nExamples:\n  $ chatpush loss --since 7d\n  $ chatpush loss --task <TaskID> --json | jq '.results[0].losses[0]'`)
    .action(run(async (opts, ctx) => (await import('./commands/loss.js')).runLoss(opts, ctx)));
}

function defineOnline(program: Command, run: Run): void {
  const online = program
    .command('online')
    .description('Online / PushOnline / Offline per user and platform (query_online_status)')
    .argument('[userIds...]', 'UserIDs ("-" reads them from stdin, one per line)');
  credentialOptions(online, { usersig: true, target: true })
    .option('--from-file <path>', 'read UserIDs from a file, one per line ("-" for stdin)')
    .option('--timeout <s>', 'per-request timeout in seconds', numberArg('positive'), 10)
    .option('--retries <n>', 'retries for rate-limit and transient errors', numberArg('int'), 3)
    .addHelpText('after', `\nExamples:\n  $ chatpush online alice bob\n  $ chatpush online --from-file users.txt --json | jq '.users[] | select(.state == "offline")'`)
    .action(run(async (userIds: string[], opts, ctx) => (await import('./commands/online.js')).runOnline(userIds, opts, ctx)));
}

function defineDoctor(program: Command, run: Run): void {
  const doctor = program.command('doctor').description('check settings, key, clock, credentials, region, Push and your callback URL — run this first');
  credentialOptions(doctor, { usersig: true, target: true })
    .option('--callback-url <url>', 'also post a signed Push.OfflinePush sample here and check the reply (2 s budget)')
    .option('--token <token>', 'callback auth token for the Sign (env CHATPUSH_CALLBACK_TOKEN)')
    .option('--timeout <s>', 'per-request timeout in seconds', numberArg('positive'), 10)
    .addHelpText('after', `\nExamples:\n  $ chatpush doctor\n  $ chatpush doctor --callback-url http://127.0.0.1:8080/im/callback --json`)
    .action(run(async (opts, ctx) => (await import('./commands/doctor.js')).runDoctor(opts, ctx)));
}

function defineReplay(program: Command, run: Run): void {
  program
    .command('replay')
    .description('post sample or captured callbacks to your backend and judge every reply as the platform would')
    .argument('[fixtures...]', 'fixture files or folders: a callback body, JSON Lines, or {"callbacks":[…]} (none: --command sends its built-in sample)')
    .requiredOption('--url <url>', 'your callback URL (Tencent) or webhook base URL (OpenIM)')
    .option('--command <command>', 'override the detected CallbackCommand / callbackCommand; alone, send its built-in sample')
    .addOption(new Option('--protocol <protocol>', 'send only this protocol\'s fixtures').choices(['tencent', 'openim']))
    .option('--url-openim <url>', 'send the OpenIM fixtures to this webhook base URL (and the Tencent ones to --url)')
    .option('--sdkappid <id>', 'SdkAppid query parameter (env CHATPUSH_SDKAPPID, or the profile) (default: 1400000000)')
    .option('--client-ip <ip>', 'ClientIP query parameter for message callbacks', '127.0.0.1')
    .option('--opt-platform <platform>', 'OptPlatform query parameter for message callbacks', 'RESTAPI')
    .option('--token <token>', 'callback auth token: adds RequestTime and Sign (env CHATPUSH_CALLBACK_TOKEN)')
    .option('--set <path=value>', 'override a field of every body (JSON value or string); repeatable', collect, [])
    .option('--fresh', 'new MsgTime, EventTime, MsgSeq, MsgRandom, MsgKey, PushID, operationID so de-duplicating backends see new events')
    .option('--repeat <n>', 'send each callback n times', numberArg('positive-int'), 1)
    .option('--concurrency <n>', 'requests in flight at once', numberArg('positive-int'), 1)
    .option('--rate <r>', 'at most r requests per second', numberArg('positive'))
    .option('--budget-ms <ms>', 'reply deadline in ms (default: Tencent 2000, OpenIM 5000)', numberArg('positive-int'))
    .option('--strict', 'fail replies the platform accepts but that carry a warning')
    .option('--junit <file>', 'write a JUnit XML report to this file')
    .option('--allow-remote', 'allow a --url that is not a loopback address (and OpenIM redirects to one)')
    .option('--report-html <file>', 'write a self-contained HTML report (results, decisions, latency histogram)')
    .option('--report-markdown <file>', 'write the summary as GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY)')
    .addHelpText(
      'after',
      `
Examples:
  $ chatpush replay --command C2C.CallbackBeforeSendMsg --url http://127.0.0.1:8080/im
  $ chatpush replay fixtures/callbacks/tencent --url http://127.0.0.1:8080/im --strict
  $ chatpush replay captured.jsonl --url http://127.0.0.1:8080/im --fresh --repeat 100 --concurrency 8
  $ chatpush replay fixtures/callbacks/openim --url http://127.0.0.1:10006/callbackExample --junit report.xml`,
    )
    .action(run(async (files: string[], opts, ctx) => (await import('./commands/replay.js')).runReplay(files, opts, ctx)));
}

function defineFixtures(program: Command, run: Run): void {
  const fixtures = program
    .command('fixtures')
    .description('the built-in callback samples: every Tencent Chat callback and OpenIM webhook')
    .addHelpText('after', `\nExamples:\n  $ chatpush fixtures list --protocol openim\n  $ chatpush fixtures show C2C.CallbackBeforeSendMsg > before-send.json`);
  fixtures
    .command('list')
    .description('list every command with its protocol, kind and what its reply can do')
    .addOption(new Option('--protocol <protocol>', 'only this protocol').choices(['tencent', 'openim']))
    .addHelpText('after', `\nExample:\n  $ chatpush fixtures list --json | jq '.fixtures | length'`)
    .action(run(async (opts, ctx) => (await import('./commands/fixtures.js')).runFixturesList(opts, ctx)));
  fixtures
    .command('show')
    .description('print the sample body of a command (a valid fixture file for replay)')
    .argument('<command>', 'a CallbackCommand or OpenIM callbackCommand')
    .addHelpText('after', `\nExample:\n  $ chatpush fixtures show callbackBeforeOfflinePushCommand`)
    .action(run(async (command: string, _opts, ctx) => (await import('./commands/fixtures.js')).runFixturesShow(command, ctx)));
}

function defineWebhook(program: Command, run: Run): void {
  const webhook = program
    .command('webhook')
    .description('sign and verify Tencent Chat callback URLs (Sign = sha256(token + RequestTime))')
    .addHelpText('after', `\nExamples:\n  $ chatpush webhook sign --token "$TOKEN" --url 'https://example.com/im?SdkAppid=1400000000'\n  $ chatpush webhook verify --token - 'RequestTime=1669872112&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061' <<< "$TOKEN"`);
  webhook
    .command('sign')
    .description('print RequestTime and Sign (with --url, the signed URL)')
    .option('--token <token>', 'callback token ("-" reads it from stdin; env CHATPUSH_CALLBACK_TOKEN)')
    .option('--time <unix-s>', 'RequestTime to sign (default: now)', numberArg('int'))
    .option('--url <url>', 'print this URL with RequestTime and Sign added')
    .addHelpText('after', `\nExample:\n  $ chatpush webhook sign --token xxxxyyyy --time 1669872112`)
    .action(run(async (opts, ctx) => (await import('./commands/webhook.js')).runWebhookSign(opts, ctx)));
  webhook
    .command('verify')
    .description('check the Sign and the 60 s RequestTime window of a callback URL or query')
    .argument('<url-or-query>', 'a callback URL, or its query (RequestTime=…&Sign=…)')
    .option('--token <token>', 'callback token ("-" reads it from stdin; env CHATPUSH_CALLBACK_TOKEN)')
    .addHelpText('after', `\nExample:\n  $ chatpush webhook verify --token xxxxyyyy 'http://127.0.0.1:5411/?RequestTime=1669872112&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061'`)
    .action(run(async (input: string, opts, ctx) => (await import('./commands/webhook.js')).runWebhookVerify(input, opts, ctx)));
}

function defineUsersig(program: Command, run: Run): void {
  const usersig = program
    .command('usersig')
    .description('generate or check a UserSig (TLSSigAPIv2)')
    .addHelpText('after', `\nExamples:\n  $ chatpush usersig gen --expire 86400\n  $ printf %s "$USERSIG" | chatpush usersig verify -`);
  credentialOptions(usersig.command('gen').description('print a UserSig for the admin identifier'), { usersig: false, target: false })
    .option('--expire <s>', 'validity in seconds (1–2147483647)', expireArg, 86400 * 180)
    .addHelpText('after', `\nExample:\n  $ CHATPUSH_SECRET_KEY=… chatpush usersig gen --sdkappid 1400000000 --expire 86400`)
    .action(run(async (opts, ctx) => (await import('./commands/usersig-gen.js')).runUsersigGen(opts, ctx)));
  credentialOptions(
    usersig
      .command('verify')
      .description('decode a UserSig and say whether it is valid for this SDKAppID, key and identifier')
      .argument('<usersig>', 'the UserSig ("-" reads it from stdin)'),
    { usersig: false, target: false },
  )
    .addHelpText('after', `\nExample:\n  $ pbpaste | chatpush usersig verify -`)
    .action(run(async (sig: string, opts, ctx) => (await import('./commands/usersig.js')).runUsersigVerify(sig, opts, ctx)));
}

function defineConfig(program: Command, run: Run): void {
  const config = program
    .command('config')
    .description('read and write settings in profiles (keys: sdkappid, identifier, secretKey, region, endpoint, callbackToken)')
    .addHelpText(
      'after',
      `
Examples:
  $ chatpush config set sdkappid 1400000000
  $ printf %s "$SECRET_KEY" | chatpush config set secretKey
  $ chatpush config list --profile staging`,
    );
  config
    .command('get')
    .description('print the effective value of a key')
    .argument('<key>', 'sdkappid, identifier, region, endpoint, or secretKey (only whether it is set)')
    .addHelpText('after', `\nExample:\n  $ chatpush config get region --profile staging`)
    .action(run(async (key: string, _opts, ctx) => (await import('./commands/config.js')).runConfigGet(key, ctx)));
  config
    .command('set')
    .description('store a value in the profile (secretKey is read from stdin or a hidden prompt)')
    .argument('<key>', 'sdkappid, identifier, secretKey, region or endpoint')
    .argument('[value]', 'the value (not accepted for secretKey)')
    .addHelpText('after', `\nExamples:\n  $ chatpush config set region sgp\n  $ printf %s "$SECRET_KEY" | chatpush config set secretKey`)
    .action(run(async (key: string, value: string | undefined, _opts, ctx) => (await import('./commands/config.js')).runConfigSet(key, value, ctx)));
  config
    .command('unset')
    .description('remove a key from the profile')
    .argument('<key>', 'the key to remove')
    .addHelpText('after', `\nExample:\n  $ chatpush config unset endpoint`)
    .action(run(async (key: string, _opts, ctx) => (await import('./commands/config.js')).runConfigUnset(key, ctx)));
  config
    .command('list')
    .description('show every setting, where it comes from, with secrets redacted')
    .addHelpText('after', `\nExample:\n  $ chatpush config list --json`)
    .action(run(async (_opts, ctx) => (await import('./commands/config.js')).runConfigList(ctx)));
  config
    .command('path')
    .description('print the config file path')
    .addHelpText('after', `\nExample:\n  $ chatpush config path`)
    .action(run(async (_opts, ctx) => (await import('./commands/config.js')).runConfigPath(ctx)));
}

function defineExplain(program: Command, run: Run): void {
  program
    .command('explain')
    .description('explain a REST, TIMPush, vendor or replay error code, offline')
    .argument('<code>', 'an error code such as 70009, 90045 or 800016')
    .addHelpText('after', `\nExamples:\n  $ chatpush explain 70009\n  $ chatpush explain 60018 --json`)
    .action(run(async (code: string, _opts, ctx) => (await import('./commands/explain.js')).runExplain(code, ctx)));
}

function defineCompletion(program: Command, run: Run): void {
  program
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      `
Examples:
  $ source <(chatpush completion bash)
  $ chatpush completion fish > ~/.config/fish/completions/chatpush.fish`,
    )
    .action(run(async (shell: string, _opts, ctx) => (await import('./commands/completion.js')).runCompletion(shell, program, ctx)));
}

function defineSandbox(program: Command, run: Run): void {
  credentialOptions(
    program.command('sandbox').description('run a local emulator of the trace, statistics, loss and online-status APIs'),
    { usersig: false, target: false },
  )
    .option('--port <port>', 'port to listen on (0 picks a free one)', portArg, 5410)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--min-interval-ms <ms>', 'rate limit: minimum ms between requests (default 1000, the real API; lower only for tests and demos)', numberArg('int'))
    .addHelpText(
      'after',
      `
Examples:
  $ chatpush sandbox --port 5410
  $ CHATPUSH_ENDPOINT=http://127.0.0.1:5410 chatpush trace 69080165_7c2fc07f_a518f930_20000819f001777_2000c6c6c31008c`,
    )
    .action(run(async (opts, ctx) => (await import('./commands/sandbox.js')).runSandbox(opts, ctx)));
}

function defineListen(program: Command, run: Run): void {
  program
    .command('listen')
    .description('run a local callback receiver that checks incoming callbacks against their schemas and prints them')
    .option('--port <port>', 'port to listen on (0 picks a free one)', portArg, 5411)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .addOption(new Option('--reply <mode>', 'how to answer').choices(['ok', 'fail', 'slow']).default('ok'))
    .option('--sdkappid <id>', 'expected SdkAppid (env CHATPUSH_SDKAPPID)')
    .option('--token <token>', 'check Sign/RequestTime with this token (env CHATPUSH_CALLBACK_TOKEN)')
    .option('--save <file>', 'append each callback to this JSON Lines file, a fixture for replay')
    .addHelpText(
      'after',
      `
Examples:
  $ chatpush listen --port 5411 --sdkappid 1400000000
  $ chatpush listen --save captured.jsonl            keep what arrives, to replay it later
  $ chatpush replay fixtures/callbacks/tencent --url http://127.0.0.1:5411   (in another terminal)`,
    )
    .action(run(async (opts, ctx) => (await import('./commands/listen.js')).runListen(opts, ctx)));
}

function defineDemo(program: Command, run: Run): void {
  program
    .command('demo')
    .description('a short offline tour: trace, stats, loss, a task trace and replay against built-in local servers')
    .addHelpText('after', `\nExamples:\n  $ chatpush demo\n  $ chatpush demo --json | jq '.replay.summary'`)
    .action(run(async (_opts, ctx) => (await import('./commands/demo.js')).runDemo(ctx)));
}
