import { Command, CommanderError } from 'commander';
import { version } from '../package.json';
import { registerBackup } from './cli/backup';
import type { GlobalOptions } from './cli/context';
import { registerDemo } from './cli/demo';
import { registerDoctor } from './cli/doctor';
import { registerEmbeddings } from './cli/embeddings';
import { registerImport } from './cli/import';
import { registerJobs } from './cli/jobs';
import { registerCoach } from './cli/coach';
import { UserError } from './cli/errors';
import { registerServe } from './cli/serve';
import { registerSync } from './cli/sync';
import { registerTicks } from './cli/ticks';
import { registerTrades } from './cli/trades';
import { registerVerify } from './cli/verify';
import { registerWorker } from './cli/worker';

/** The `tpj` command: the same core as the app, in a terminal. Exit codes: 0 ok, 1 your input, 2 internal. */
async function main(argv: string[]): Promise<number> {
  const program = new Command('tpj')
    .description('Trading Path Journal from the command line')
    .version(version)
    .option('--data-dir <dir>', 'journal folder (default: $TPJ_DATA_DIR or the desktop app’s folder)')
    .showHelpAfterError()
    .exitOverride();
  const globals = () => program.opts<GlobalOptions>();
  registerDemo(program, globals);
  registerServe(program, globals);
  registerTrades(program, globals);
  registerDoctor(program, globals);
  registerImport(program, globals);
  registerBackup(program, globals);
  registerVerify(program, globals);
  registerJobs(program, globals);
  registerCoach(program, globals);
  registerSync(program, globals);
  registerEmbeddings(program, globals);
  registerTicks(program, globals);
  registerWorker(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    if (error instanceof UserError || (error instanceof Error && error.name === 'CoreError')) {
      console.error(`tpj: ${error.message}`);
      return 1;
    }
    console.error(`tpj: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

process.exitCode = await main(process.argv);
