/** The API paths the sandbox emulates, without loading its handlers (the banner of `chatpush sandbox`). */
export const SANDBOX_PATHS: readonly string[] = [
  '/v4/timpush/normal_push_trace',
  '/v4/timpush/all_member_push_trace',
  '/v4/timpush/normal_push_statistics',
  '/v4/timpush/all_member_push_statistics',
  '/v4/timpush/normal_push_loss',
  '/v4/timpush/all_member_push_loss',
  '/v4/openim/query_online_status',
];
