import type { Command } from 'commander';
import type { Context } from '../context.js';
import { notBuilt } from './not-built.js';
export async function runCompletion(_s: string, _p: Command, _ctx: Context): Promise<number> { notBuilt('completion'); }
