# bash completion for chatpush                              -*- shell-script -*-
# Generated from the commander definition (src/cli.ts) by scripts/gen-completions.mjs; do not edit.
# Use: source <(chatpush completion bash), or copy this file to
# ~/.local/share/bash-completion/completions/chatpush (or /etc/bash_completion.d/).

_chatpush_files() {
  local IFS=$'\n'
  COMPREPLY=($(compgen -f -- "$cur"))
  compopt -o filenames 2>/dev/null
}

_chatpush() {
  local cur prev path word opts i skip=0 npos=0
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  # "--opt=value": bash splits at "=", so the option is two words back.
  if [[ "$prev" == "=" && COMP_CWORD -ge 2 ]]; then prev="${COMP_WORDS[COMP_CWORD-2]}"; fi
  [[ "$cur" == "=" ]] && cur=""
  path=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="${COMP_WORDS[i]}"
    if ((skip)); then
      skip=0
      [[ "$word" == "=" ]] && skip=1
      continue
    fi
    case "$word" in
      --) break ;;
      -*=*) continue ;;
      '--budget-ms'|'--callback-url'|'--client-ip'|'--command'|'--concurrency'|'--endpoint'|'--expect'|'--expire'|'--from'|'--from-callbacks'|'--from-file'|'--host'|'--identifier'|'--junit'|'--min-interval-ms'|'--opt-platform'|'--port'|'--profile'|'--protocol'|'--rate'|'--region'|'--repeat'|'--reply'|'--report-html'|'--report-markdown'|'--response-file'|'--resume'|'--retries'|'--save'|'--sdkappid'|'--secret-key-file'|'--set'|'--since'|'--task'|'--threshold'|'--time'|'--timeout'|'--to'|'--token'|'--url'|'--url-openim'|'--user'|'--usersig'|'--watch-timeout') skip=1; continue ;;
      -*) continue ;;
    esac
    case "$path:$word" in
      ':trace'|':stats'|':loss'|':online'|':doctor'|':replay'|':fixtures'|'fixtures:list'|'fixtures:show'|':webhook'|'webhook:sign'|'webhook:verify'|':usersig'|'usersig:gen'|'usersig:verify'|':config'|'config:get'|'config:set'|'config:unset'|'config:list'|'config:path'|':explain'|':completion'|':sandbox'|':listen'|':demo'|':help') path="${path:+$path }$word"; npos=0 ;;
      *) npos=$((npos + 1)) ;;
    esac
  done

  case "$prev" in
    '--budget-ms'|'--callback-url'|'--client-ip'|'--command'|'--concurrency'|'--endpoint'|'--expect'|'--expire'|'--from'|'--from-callbacks'|'--from-file'|'--host'|'--identifier'|'--junit'|'--min-interval-ms'|'--opt-platform'|'--port'|'--profile'|'--protocol'|'--rate'|'--region'|'--repeat'|'--reply'|'--report-html'|'--report-markdown'|'--response-file'|'--resume'|'--retries'|'--save'|'--sdkappid'|'--secret-key-file'|'--set'|'--since'|'--task'|'--threshold'|'--time'|'--timeout'|'--to'|'--token'|'--url'|'--url-openim'|'--user'|'--usersig'|'--watch-timeout')
      COMPREPLY=()
      case "$path|$prev" in
        'trace|--secret-key-file') _chatpush_files ;;
        'trace|--region') COMPREPLY=($(compgen -W 'cn sgp kr ger usa idn' -- "$cur")) ;;
        'trace|--from-file') _chatpush_files ;;
        'trace|--expect') COMPREPLY=($(compgen -W 'im offline channel device click' -- "$cur")) ;;
        'trace|--response-file') _chatpush_files ;;
        'trace|--from-callbacks') _chatpush_files ;;
        'trace|--resume') _chatpush_files ;;
        'trace|--report-html') _chatpush_files ;;
        'trace|--report-markdown') _chatpush_files ;;
        'trace|--junit') _chatpush_files ;;
        'stats|--secret-key-file') _chatpush_files ;;
        'stats|--region') COMPREPLY=($(compgen -W 'cn sgp kr ger usa idn' -- "$cur")) ;;
        'stats|--report-html') _chatpush_files ;;
        'stats|--report-markdown') _chatpush_files ;;
        'loss|--secret-key-file') _chatpush_files ;;
        'loss|--region') COMPREPLY=($(compgen -W 'cn sgp kr ger usa idn' -- "$cur")) ;;
        'loss|--report-html') _chatpush_files ;;
        'loss|--report-markdown') _chatpush_files ;;
        'online|--secret-key-file') _chatpush_files ;;
        'online|--region') COMPREPLY=($(compgen -W 'cn sgp kr ger usa idn' -- "$cur")) ;;
        'online|--from-file') _chatpush_files ;;
        'doctor|--secret-key-file') _chatpush_files ;;
        'doctor|--region') COMPREPLY=($(compgen -W 'cn sgp kr ger usa idn' -- "$cur")) ;;
        'replay|--command') COMPREPLY=($(compgen -W 'State.StateChange Profile.CallbackPortraitSet Sns.CallbackPrevFriendAdd Sns.CallbackPrevFriendResponse Sns.CallbackFriendAdd Sns.CallbackFriendDelete Sns.CallbackBlackListAdd Sns.CallbackBlackListDelete Follow.CallbackAfterFollowAdd Follow.CallbackAfterFollowDelete C2C.CallbackBeforeSendMsg C2C.CallbackAfterSendMsg C2C.CallbackAfterMsgReport C2C.CallbackAfterMsgWithDraw C2C.CallbackAfterC2CMsgExtension Group.CallbackBeforeCreateGroup Group.CallbackAfterCreateGroup Group.CallbackBeforeApplyJoinGroup Group.CallbackBeforeInviteJoinGroup Group.CallbackAfterNewMemberJoin Group.CallbackAfterMemberExit Group.CallbackBeforeSendMsg Group.CallbackAfterSendMsg Group.CallbackAfterGroupFull Group.CallbackAfterGroupDestroyed Group.CallbackAfterGroupInfoChanged Group.CallbackOnMemberStateChange Group.CallbackSendMsgException Group.CallbackAfterRecallMsg Group.CallbackAfterMemberFieldChanged Group.CallbackAfterGroupAttrChanged Group.CallbackAfterReadReceipt Group.CallbackAfterChangeGroupOwner Group.CallbackAfterGroupMsgExtension Group.CallbackBeforeCreateTopic Group.CallbackAfterCreateTopic Group.CallbackAfterTopicDestroyed Group.CallbackAfterTopicInfoChanged Push.OfflinePush Push.AllMemberPush Alert.RequestOverLimit OfficialAccount.CallbackBeforeCreateOfficialAccount OfficialAccount.CallbackAfterCreateOfficialAccount OfficialAccount.CallbackAfterOfficialAccountInfoChanged OfficialAccount.CallbackAfterOfficialAccountDestroyed OfficialAccount.CallbackBeforeAddSubscriber OfficialAccount.CallbackAfterAddSubscriber OfficialAccount.CallbackAfterOfficialAccountFull OfficialAccount.CallbackAfterDeleteSubscriber OfficialAccount.CallbackBeforeSendMsg OfficialAccount.CallbackAfterSendMsg OfficialAccount.CallbackAfterMsgWithDraw Bot.OnC2CMessage Bot.OnGroupMessage Chatbot.OnC2CSignalMessage Group.CallbackOnDailyGroupQuotaAlarm ContentCallback.ResultNotify callbackBeforeSendSingleMsgCommand callbackBeforeUpdateUserInfoExCommand callbackAfterUpdateUserInfoExCommand callbackAfterSendSingleMsgCommand callbackBeforeSendGroupMsgCommand callbackBeforeMsgModifyCommand callbackAfterSendGroupMsgCommand callbackAfterMsgSaveDBCommand callbackAfterUserOnlineCommand callbackAfterUserOfflineCommand callbackAfterUserKickOffCommand callbackBeforeOfflinePushCommand callbackBeforeOnlinePushCommand callbackBeforeGroupOnlinePushCommand callbackBeforeAddFriendCommand callbackBeforeUpdateUserInfoCommand callbackAfterUpdateUserInfoCommand callbackBeforeCreateGroupCommand callbackAfterCreateGroupCommand callbackBeforeMembersJoinGroupCommand callbackBeforeSetGroupMemberInfoCommand callbackAfterSetGroupMemberInfoCommand callbackAfterQuitGroupCommand callbackAfterKickGroupCommand callbackAfterDisMissGroupCommand callbackBeforeJoinGroupCommand callbackAfterGroupMsgReadCommand callbackAfterSingleMsgReadCommand callbackBeforeUserRegisterCommand callbackAfterUserRegisterCommand callbackAfterTransferGroupOwnerCommand callbackBeforeSetFriendRemarkCommand callbackAfterSetFriendRemarkCommand callbackAfterJoinGroupCommand callbackBeforeInviteJoinGroupCommand callbackAfterSetGroupInfoCommand callbackBeforeSetGroupInfoCommand callbackAfterSetGroupInfoExCommand callbackBeforeSetGroupInfoExCommand callbackBeforeAfterMsgCommand callbackBeforeAddBlackCommand callbackAfterAddFriendCommand callbackBeforeAddFriendAgreeCommand callbackAfterAddFriendAgreeCommand callbackAfterDeleteFriendCommand callbackBeforeImportFriendsCommand callbackAfterImportFriendsCommand callbackAfterRemoveBlackCommand callbackBeforeCreateSingleChatConversationsCommand callbackAfterCreateSingleChatConversationsCommand callbackBeforeCreateGroupChatConversationsCommand callbackAfterCreateGroupChatConversationsCommand callbackBeforePushCommand' -- "$cur")) ;;
        'replay|--protocol') COMPREPLY=($(compgen -W 'tencent openim' -- "$cur")) ;;
        'replay|--junit') _chatpush_files ;;
        'replay|--report-html') _chatpush_files ;;
        'replay|--report-markdown') _chatpush_files ;;
        'fixtures list|--protocol') COMPREPLY=($(compgen -W 'tencent openim' -- "$cur")) ;;
        'usersig gen|--secret-key-file') _chatpush_files ;;
        'usersig verify|--secret-key-file') _chatpush_files ;;
        'sandbox|--secret-key-file') _chatpush_files ;;
        'listen|--reply') COMPREPLY=($(compgen -W 'ok fail slow' -- "$cur")) ;;
        'listen|--save') _chatpush_files ;;
      esac
      return 0 ;;
  esac

  if [[ "$cur" == -* ]]; then
    case "$path" in
    '') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'trace') opts='--sdkappid --identifier --secret-key-file --usersig --region --endpoint --from-file --expect --watch --watch-timeout --timeout --retries --response-file --task --user --online --from-callbacks --failed --summary --resume --report-html --report-markdown --junit --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'stats') opts='--since --from --to --sdkappid --identifier --secret-key-file --usersig --region --endpoint --task --threshold --timeout --retries --report-html --report-markdown --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'loss') opts='--since --from --to --sdkappid --identifier --secret-key-file --usersig --region --endpoint --task --timeout --retries --report-html --report-markdown --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'online') opts='--sdkappid --identifier --secret-key-file --usersig --region --endpoint --from-file --timeout --retries --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'doctor') opts='--sdkappid --identifier --secret-key-file --usersig --region --endpoint --callback-url --token --timeout --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'replay') opts='--url --command --protocol --url-openim --sdkappid --client-ip --opt-platform --token --set --fresh --repeat --concurrency --rate --budget-ms --strict --junit --allow-remote --report-html --report-markdown --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'fixtures') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'fixtures list') opts='--protocol --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'fixtures show') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'webhook') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'webhook sign') opts='--token --time --url --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'webhook verify') opts='--token --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'usersig') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'usersig gen') opts='--sdkappid --identifier --secret-key-file --expire --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'usersig verify') opts='--sdkappid --identifier --secret-key-file --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'config') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'config get') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'config set') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'config unset') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'config list') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'config path') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'explain') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'completion') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'sandbox') opts='--sdkappid --identifier --secret-key-file --port --host --min-interval-ms --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'listen') opts='--port --host --reply --sdkappid --token --save --version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'demo') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    'help') opts='--version -V --json --quiet -q --verbose -v --no-color --profile --help -h' ;;
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return 0
  fi

  COMPREPLY=()
  case "$path" in
    '') COMPREPLY=($(compgen -W 'trace stats loss online doctor replay fixtures webhook usersig config explain completion sandbox listen demo help' -- "$cur")) ;;
    'replay')
      case "$npos" in
        *) _chatpush_files ;;
      esac ;;
    'fixtures') COMPREPLY=($(compgen -W 'list show' -- "$cur")) ;;
    'fixtures show')
      case "$npos" in
        0) COMPREPLY=($(compgen -W 'State.StateChange Profile.CallbackPortraitSet Sns.CallbackPrevFriendAdd Sns.CallbackPrevFriendResponse Sns.CallbackFriendAdd Sns.CallbackFriendDelete Sns.CallbackBlackListAdd Sns.CallbackBlackListDelete Follow.CallbackAfterFollowAdd Follow.CallbackAfterFollowDelete C2C.CallbackBeforeSendMsg C2C.CallbackAfterSendMsg C2C.CallbackAfterMsgReport C2C.CallbackAfterMsgWithDraw C2C.CallbackAfterC2CMsgExtension Group.CallbackBeforeCreateGroup Group.CallbackAfterCreateGroup Group.CallbackBeforeApplyJoinGroup Group.CallbackBeforeInviteJoinGroup Group.CallbackAfterNewMemberJoin Group.CallbackAfterMemberExit Group.CallbackBeforeSendMsg Group.CallbackAfterSendMsg Group.CallbackAfterGroupFull Group.CallbackAfterGroupDestroyed Group.CallbackAfterGroupInfoChanged Group.CallbackOnMemberStateChange Group.CallbackSendMsgException Group.CallbackAfterRecallMsg Group.CallbackAfterMemberFieldChanged Group.CallbackAfterGroupAttrChanged Group.CallbackAfterReadReceipt Group.CallbackAfterChangeGroupOwner Group.CallbackAfterGroupMsgExtension Group.CallbackBeforeCreateTopic Group.CallbackAfterCreateTopic Group.CallbackAfterTopicDestroyed Group.CallbackAfterTopicInfoChanged Push.OfflinePush Push.AllMemberPush Alert.RequestOverLimit OfficialAccount.CallbackBeforeCreateOfficialAccount OfficialAccount.CallbackAfterCreateOfficialAccount OfficialAccount.CallbackAfterOfficialAccountInfoChanged OfficialAccount.CallbackAfterOfficialAccountDestroyed OfficialAccount.CallbackBeforeAddSubscriber OfficialAccount.CallbackAfterAddSubscriber OfficialAccount.CallbackAfterOfficialAccountFull OfficialAccount.CallbackAfterDeleteSubscriber OfficialAccount.CallbackBeforeSendMsg OfficialAccount.CallbackAfterSendMsg OfficialAccount.CallbackAfterMsgWithDraw Bot.OnC2CMessage Bot.OnGroupMessage Chatbot.OnC2CSignalMessage Group.CallbackOnDailyGroupQuotaAlarm ContentCallback.ResultNotify callbackBeforeSendSingleMsgCommand callbackBeforeUpdateUserInfoExCommand callbackAfterUpdateUserInfoExCommand callbackAfterSendSingleMsgCommand callbackBeforeSendGroupMsgCommand callbackBeforeMsgModifyCommand callbackAfterSendGroupMsgCommand callbackAfterMsgSaveDBCommand callbackAfterUserOnlineCommand callbackAfterUserOfflineCommand callbackAfterUserKickOffCommand callbackBeforeOfflinePushCommand callbackBeforeOnlinePushCommand callbackBeforeGroupOnlinePushCommand callbackBeforeAddFriendCommand callbackBeforeUpdateUserInfoCommand callbackAfterUpdateUserInfoCommand callbackBeforeCreateGroupCommand callbackAfterCreateGroupCommand callbackBeforeMembersJoinGroupCommand callbackBeforeSetGroupMemberInfoCommand callbackAfterSetGroupMemberInfoCommand callbackAfterQuitGroupCommand callbackAfterKickGroupCommand callbackAfterDisMissGroupCommand callbackBeforeJoinGroupCommand callbackAfterGroupMsgReadCommand callbackAfterSingleMsgReadCommand callbackBeforeUserRegisterCommand callbackAfterUserRegisterCommand callbackAfterTransferGroupOwnerCommand callbackBeforeSetFriendRemarkCommand callbackAfterSetFriendRemarkCommand callbackAfterJoinGroupCommand callbackBeforeInviteJoinGroupCommand callbackAfterSetGroupInfoCommand callbackBeforeSetGroupInfoCommand callbackAfterSetGroupInfoExCommand callbackBeforeSetGroupInfoExCommand callbackBeforeAfterMsgCommand callbackBeforeAddBlackCommand callbackAfterAddFriendCommand callbackBeforeAddFriendAgreeCommand callbackAfterAddFriendAgreeCommand callbackAfterDeleteFriendCommand callbackBeforeImportFriendsCommand callbackAfterImportFriendsCommand callbackAfterRemoveBlackCommand callbackBeforeCreateSingleChatConversationsCommand callbackAfterCreateSingleChatConversationsCommand callbackBeforeCreateGroupChatConversationsCommand callbackAfterCreateGroupChatConversationsCommand callbackBeforePushCommand' -- "$cur")) ;;
      esac ;;
    'webhook') COMPREPLY=($(compgen -W 'sign verify' -- "$cur")) ;;
    'usersig') COMPREPLY=($(compgen -W 'gen verify' -- "$cur")) ;;
    'config') COMPREPLY=($(compgen -W 'get set unset list path' -- "$cur")) ;;
    'config get')
      case "$npos" in
        0) COMPREPLY=($(compgen -W 'sdkappid identifier secretKey region endpoint callbackToken' -- "$cur")) ;;
      esac ;;
    'config set')
      case "$npos" in
        0) COMPREPLY=($(compgen -W 'sdkappid identifier secretKey region endpoint callbackToken' -- "$cur")) ;;
      esac ;;
    'config unset')
      case "$npos" in
        0) COMPREPLY=($(compgen -W 'sdkappid identifier secretKey region endpoint callbackToken' -- "$cur")) ;;
      esac ;;
    'completion')
      case "$npos" in
        0) COMPREPLY=($(compgen -W 'bash zsh fish' -- "$cur")) ;;
      esac ;;
    'help')
      case "$npos" in
        0) COMPREPLY=($(compgen -W 'trace stats loss online doctor replay fixtures webhook usersig config explain completion sandbox listen demo' -- "$cur")) ;;
      esac ;;
  esac
  return 0
}

complete -F _chatpush chatpush
