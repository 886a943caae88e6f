import type { Context } from '../context.js';
import { notBuilt } from './not-built.js';
export async function runUsersigGen(_opts: unknown, _ctx: Context): Promise<number> { notBuilt('usersig gen'); }
export async function runUsersigVerify(_sig: string, _opts: unknown, _ctx: Context): Promise<number> { notBuilt('usersig verify'); }
