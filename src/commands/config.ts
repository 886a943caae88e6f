import type { Context } from '../context.js';
import { notBuilt } from './not-built.js';
export async function runConfigGet(_k: string, _ctx: Context): Promise<number> { notBuilt('config get'); }
export async function runConfigSet(_k: string, _v: string | undefined, _ctx: Context): Promise<number> { notBuilt('config set'); }
export async function runConfigUnset(_k: string, _ctx: Context): Promise<number> { notBuilt('config unset'); }
export async function runConfigList(_ctx: Context): Promise<number> { notBuilt('config list'); }
export async function runConfigPath(_ctx: Context): Promise<number> { notBuilt('config path'); }
