/** Every API the sandbox emulates; adding one is a module in this folder and one line below. */
import { normalLossApi, taskLossApi } from './loss.js';
import { onlineStatusApi } from './online-status.js';
import { pushTraceApi } from './push-trace.js';
import { normalStatisticsApi, taskStatisticsApi } from './statistics.js';
import { taskTraceApi } from './task-trace.js';
import type { SandboxApi } from './types.js';

export const SANDBOX_APIS: readonly SandboxApi<never>[] = [
  pushTraceApi,
  taskTraceApi,
  normalStatisticsApi,
  taskStatisticsApi,
  normalLossApi,
  taskLossApi,
  onlineStatusApi,
] as unknown as SandboxApi<never>[];
