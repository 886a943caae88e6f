# fish completion for chatpush.
# Generated from the commander definition (src/cli.ts) by scripts/gen-completions.mjs; do not edit.
# Use: copy to ~/.config/fish/completions/chatpush.fish, or: chatpush completion fish | source

# Succeeds when the subcommand path typed so far is $want and, when $pos is given, the number of
# positionals after it is $pos ("N+" means N or more). Option values are skipped.
function __chatpush_at --argument-names want pos
    set -l words (commandline -opc)
    set -e words[1]
    set -l path ''
    set -l npos 0
    set -l skip 0
    for w in $words
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $w
            case '--'
                break
            case '-*=*'
                continue
            case '--budget-ms' '--callback-url' '--client-ip' '--command' '--concurrency' '--endpoint' '--expect' '--expire' '--from' '--from-callbacks' '--from-file' '--host' '--identifier' '--junit' '--min-interval-ms' '--opt-platform' '--port' '--profile' '--protocol' '--rate' '--region' '--repeat' '--reply' '--report-html' '--report-markdown' '--response-file' '--resume' '--retries' '--save' '--sdkappid' '--secret-key-file' '--set' '--since' '--task' '--threshold' '--time' '--timeout' '--to' '--token' '--url' '--url-openim' '--user' '--usersig' '--watch-timeout'
                set skip 1
                continue
            case '-*'
                continue
        end
        switch "$path:$w"
            case ':trace' ':stats' ':loss' ':online' ':doctor' ':replay' ':fixtures' 'fixtures:list' 'fixtures:show' ':webhook' 'webhook:sign' 'webhook:verify' ':usersig' 'usersig:gen' 'usersig:verify' ':config' 'config:get' 'config:set' 'config:unset' 'config:list' 'config:path' ':explain' ':completion' ':sandbox' ':listen' ':demo' ':help'
                set path (string trim -- "$path $w")
                set npos 0
            case '*'
                set npos (math $npos + 1)
        end
    end
    test "$path" = "$want"; or return 1
    test -z "$pos"; and return 0
    if string match -q -- '*+' $pos
        test $npos -ge (string trim -r -c + -- $pos)
    else
        test $npos -eq $pos
    end
end

complete -c chatpush -f
complete -c chatpush -s V -l version -d 'print the version'
complete -c chatpush -l json -d 'print one JSON document on stdout (schemaVersion 1)'
complete -c chatpush -s q -l quiet -d 'print only results; no progress or info lines'
complete -c chatpush -s v -l verbose -d 'log requests (secrets redacted) and show stack traces'
complete -c chatpush -l no-color -d 'disable colour (also NO_COLOR, TERM=dumb)'
complete -c chatpush -l profile -x -d 'config profile to use (env CHATPUSH_PROFILE) (default: "default")'
complete -c chatpush -s h -l help -d 'show help'
complete -c chatpush -n '__chatpush_at ""' -a trace -d 'show where a push went: IM server → offline submit → vendor → device → click'
complete -c chatpush -n '__chatpush_at ""' -a stats -d 'the delivery funnel per vendor (total → sent → delivered → clicked), with CI thresholds'
complete -c chatpush -n '__chatpush_at ""' -a loss -d 'where pushes were lost: causes ranked by count, with their share and next step'
complete -c chatpush -n '__chatpush_at ""' -a online -d 'Online / PushOnline / Offline per user and platform (query_online_status)'
complete -c chatpush -n '__chatpush_at ""' -a doctor -d 'check settings, key, clock, credentials, region, Push and your callback URL — run this first'
complete -c chatpush -n '__chatpush_at ""' -a replay -d 'post sample or captured callbacks to your backend and judge every reply as the platform would'
complete -c chatpush -n '__chatpush_at ""' -a fixtures -d 'the built-in callback samples: every Tencent Chat callback and OpenIM webhook'
complete -c chatpush -n '__chatpush_at ""' -a webhook -d 'sign and verify Tencent Chat callback URLs (Sign = sha256(token + RequestTime))'
complete -c chatpush -n '__chatpush_at ""' -a usersig -d 'generate or check a UserSig (TLSSigAPIv2)'
complete -c chatpush -n '__chatpush_at ""' -a config -d 'read and write settings in profiles (keys: sdkappid, identifier, secretKey, region, endpoint, callbackToken)'
complete -c chatpush -n '__chatpush_at ""' -a explain -d 'explain a REST, TIMPush, vendor or replay error code, offline'
complete -c chatpush -n '__chatpush_at ""' -a completion -d 'print a shell completion script'
complete -c chatpush -n '__chatpush_at ""' -a sandbox -d 'run a local emulator of the trace, statistics, loss and online-status APIs'
complete -c chatpush -n '__chatpush_at ""' -a listen -d 'run a local callback receiver that checks incoming callbacks against their schemas and prints them'
complete -c chatpush -n '__chatpush_at ""' -a demo -d 'a short offline tour: trace, stats, loss, a task trace and replay against built-in local servers'
complete -c chatpush -n '__chatpush_at ""' -a help -d 'show help for a command'
complete -c chatpush -n '__chatpush_at "trace"' -l sdkappid -x -d 'SDKAppID of the app (env CHATPUSH_SDKAPPID)'
complete -c chatpush -n '__chatpush_at "trace"' -l identifier -x -d 'App admin identifier (env CHATPUSH_IDENTIFIER) (default: "administrator")'
complete -c chatpush -n '__chatpush_at "trace"' -l secret-key-file -r -F -d 'read the secret key from this file (env CHATPUSH_SECRET_KEY)'
complete -c chatpush -n '__chatpush_at "trace"' -l usersig -x -d 'use this ready-made UserSig instead of signing (env CHATPUSH_USERSIG)'
complete -c chatpush -n '__chatpush_at "trace"' -l region -x -a 'cn sgp kr ger usa idn' -d 'data centre: cn, sgp, kr, ger, usa, idn (env CHATPUSH_REGION) (default: "sgp")'
complete -c chatpush -n '__chatpush_at "trace"' -l endpoint -x -d 'base URL that replaces the region host (env CHATPUSH_ENDPOINT)'
complete -c chatpush -n '__chatpush_at "trace"' -l from-file -r -F -d 'read PushIDs from a file, one per line ("-" for stdin)'
complete -c chatpush -n '__chatpush_at "trace"' -l expect -x -a 'im offline channel device click' -d 'stage that must succeed for exit 0'
complete -c chatpush -n '__chatpush_at "trace"' -l watch -d 'poll (at least 1 s apart) until the expected stage succeeds or fails'
complete -c chatpush -n '__chatpush_at "trace"' -l watch-timeout -x -d 'give up watching after this many seconds, then exit 8 (default: 120)'
complete -c chatpush -n '__chatpush_at "trace"' -l timeout -x -d 'per-request timeout in seconds'
complete -c chatpush -n '__chatpush_at "trace"' -l retries -x -d 'retries for rate-limit and transient errors'
complete -c chatpush -n '__chatpush_at "trace"' -l response-file -r -F -d 'render a saved normal_push_trace response; no network or credentials'
complete -c chatpush -n '__chatpush_at "trace"' -l task -x -d 'trace recipients of an all-user / tag push (all_member_push_trace; TaskId from the push API)'
complete -c chatpush -n '__chatpush_at "trace"' -l user -x -d 'with --task: the recipients to trace ("-" reads them from stdin)'
complete -c chatpush -n '__chatpush_at "trace"' -l online -d 'with --task: add each recipient\'s current online state to the verdict'
complete -c chatpush -n '__chatpush_at "trace"' -l from-callbacks -r -F -d 'trace the PushIDs of Push.OfflinePush events in captured callbacks (listen --save)'
complete -c chatpush -n '__chatpush_at "trace"' -l failed -d 'with --from-callbacks: only events whose ErrCode is not 0'
complete -c chatpush -n '__chatpush_at "trace"' -l summary -d 'after the traces, group them by verdict, vendor, failed stage and cause'
complete -c chatpush -n '__chatpush_at "trace"' -l resume -r -F -d 'skip PushIDs already traced in this --json output or --report-html file'
complete -c chatpush -n '__chatpush_at "trace"' -l report-html -r -F -d 'write a self-contained HTML report (timelines, summary)'
complete -c chatpush -n '__chatpush_at "trace"' -l report-markdown -r -F -d 'write the summary as GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY)'
complete -c chatpush -n '__chatpush_at "trace"' -l junit -r -F -d 'write JUnit XML: one test case per PushID, failed when --expect is not met'
complete -c chatpush -n '__chatpush_at "stats"' -l since -x -d 'window ending now: 90m, 24h, 30d (default 24h; at most 30 days)'
complete -c chatpush -n '__chatpush_at "stats"' -l from -x -d 'window start: ISO 8601 (no zone = local time) or unix seconds'
complete -c chatpush -n '__chatpush_at "stats"' -l to -x -d 'window end (default now)'
complete -c chatpush -n '__chatpush_at "stats"' -l sdkappid -x -d 'SDKAppID of the app (env CHATPUSH_SDKAPPID)'
complete -c chatpush -n '__chatpush_at "stats"' -l identifier -x -d 'App admin identifier (env CHATPUSH_IDENTIFIER) (default: "administrator")'
complete -c chatpush -n '__chatpush_at "stats"' -l secret-key-file -r -F -d 'read the secret key from this file (env CHATPUSH_SECRET_KEY)'
complete -c chatpush -n '__chatpush_at "stats"' -l usersig -x -d 'use this ready-made UserSig instead of signing (env CHATPUSH_USERSIG)'
complete -c chatpush -n '__chatpush_at "stats"' -l region -x -a 'cn sgp kr ger usa idn' -d 'data centre: cn, sgp, kr, ger, usa, idn (env CHATPUSH_REGION) (default: "sgp")'
complete -c chatpush -n '__chatpush_at "stats"' -l endpoint -x -d 'base URL that replaces the region host (env CHATPUSH_ENDPOINT)'
complete -c chatpush -n '__chatpush_at "stats"' -l task -x -d 'all-user / tag push task (repeatable; 5 per request, more are split)'
complete -c chatpush -n '__chatpush_at "stats"' -l threshold -x -d 'pass condition, e.g. \'delivered>=90%\' or \'delivered[huawei]>=80%\' (repeatable; a failure exits 1)'
complete -c chatpush -n '__chatpush_at "stats"' -l timeout -x -d 'per-request timeout in seconds'
complete -c chatpush -n '__chatpush_at "stats"' -l retries -x -d 'retries for rate-limit and transient errors'
complete -c chatpush -n '__chatpush_at "stats"' -l report-html -r -F -d 'write a self-contained HTML report (funnel bars per vendor)'
complete -c chatpush -n '__chatpush_at "stats"' -l report-markdown -r -F -d 'write the funnel as GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY)'
complete -c chatpush -n '__chatpush_at "loss"' -l since -x -d 'window ending now: 90m, 24h, 7d (default 24h; at most 7 days)'
complete -c chatpush -n '__chatpush_at "loss"' -l from -x -d 'window start: ISO 8601 (no zone = local time) or unix seconds'
complete -c chatpush -n '__chatpush_at "loss"' -l to -x -d 'window end (default now)'
complete -c chatpush -n '__chatpush_at "loss"' -l sdkappid -x -d 'SDKAppID of the app (env CHATPUSH_SDKAPPID)'
complete -c chatpush -n '__chatpush_at "loss"' -l identifier -x -d 'App admin identifier (env CHATPUSH_IDENTIFIER) (default: "administrator")'
complete -c chatpush -n '__chatpush_at "loss"' -l secret-key-file -r -F -d 'read the secret key from this file (env CHATPUSH_SECRET_KEY)'
complete -c chatpush -n '__chatpush_at "loss"' -l usersig -x -d 'use this ready-made UserSig instead of signing (env CHATPUSH_USERSIG)'
complete -c chatpush -n '__chatpush_at "loss"' -l region -x -a 'cn sgp kr ger usa idn' -d 'data centre: cn, sgp, kr, ger, usa, idn (env CHATPUSH_REGION) (default: "sgp")'
complete -c chatpush -n '__chatpush_at "loss"' -l endpoint -x -d 'base URL that replaces the region host (env CHATPUSH_ENDPOINT)'
complete -c chatpush -n '__chatpush_at "loss"' -l task -x -d 'all-user / tag push task (repeatable; 5 per request, more are split)'
complete -c chatpush -n '__chatpush_at "loss"' -l timeout -x -d 'per-request timeout in seconds'
complete -c chatpush -n '__chatpush_at "loss"' -l retries -x -d 'retries for rate-limit and transient errors'
complete -c chatpush -n '__chatpush_at "loss"' -l report-html -r -F -d 'write a self-contained HTML report (loss causes ranked)'
complete -c chatpush -n '__chatpush_at "loss"' -l report-markdown -r -F -d 'write the ranked causes as GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY)'
complete -c chatpush -n '__chatpush_at "online"' -l sdkappid -x -d 'SDKAppID of the app (env CHATPUSH_SDKAPPID)'
complete -c chatpush -n '__chatpush_at "online"' -l identifier -x -d 'App admin identifier (env CHATPUSH_IDENTIFIER) (default: "administrator")'
complete -c chatpush -n '__chatpush_at "online"' -l secret-key-file -r -F -d 'read the secret key from this file (env CHATPUSH_SECRET_KEY)'
complete -c chatpush -n '__chatpush_at "online"' -l usersig -x -d 'use this ready-made UserSig instead of signing (env CHATPUSH_USERSIG)'
complete -c chatpush -n '__chatpush_at "online"' -l region -x -a 'cn sgp kr ger usa idn' -d 'data centre: cn, sgp, kr, ger, usa, idn (env CHATPUSH_REGION) (default: "sgp")'
complete -c chatpush -n '__chatpush_at "online"' -l endpoint -x -d 'base URL that replaces the region host (env CHATPUSH_ENDPOINT)'
complete -c chatpush -n '__chatpush_at "online"' -l from-file -r -F -d 'read UserIDs from a file, one per line ("-" for stdin)'
complete -c chatpush -n '__chatpush_at "online"' -l timeout -x -d 'per-request timeout in seconds'
complete -c chatpush -n '__chatpush_at "online"' -l retries -x -d 'retries for rate-limit and transient errors'
complete -c chatpush -n '__chatpush_at "doctor"' -l sdkappid -x -d 'SDKAppID of the app (env CHATPUSH_SDKAPPID)'
complete -c chatpush -n '__chatpush_at "doctor"' -l identifier -x -d 'App admin identifier (env CHATPUSH_IDENTIFIER) (default: "administrator")'
complete -c chatpush -n '__chatpush_at "doctor"' -l secret-key-file -r -F -d 'read the secret key from this file (env CHATPUSH_SECRET_KEY)'
complete -c chatpush -n '__chatpush_at "doctor"' -l usersig -x -d 'use this ready-made UserSig instead of signing (env CHATPUSH_USERSIG)'
complete -c chatpush -n '__chatpush_at "doctor"' -l region -x -a 'cn sgp kr ger usa idn' -d 'data centre: cn, sgp, kr, ger, usa, idn (env CHATPUSH_REGION) (default: "sgp")'
complete -c chatpush -n '__chatpush_at "doctor"' -l endpoint -x -d 'base URL that replaces the region host (env CHATPUSH_ENDPOINT)'
complete -c chatpush -n '__chatpush_at "doctor"' -l callback-url -x -d 'also post a signed Push.OfflinePush sample here and check the reply (2 s budget)'
complete -c chatpush -n '__chatpush_at "doctor"' -l token -x -d 'callback auth token for the Sign (env CHATPUSH_CALLBACK_TOKEN)'
complete -c chatpush -n '__chatpush_at "doctor"' -l timeout -x -d 'per-request timeout in seconds'
complete -c chatpush -n '__chatpush_at "replay"' -l url -x -d 'your callback URL (Tencent) or webhook base URL (OpenIM)'
complete -c chatpush -n '__chatpush_at "replay"' -l command -x -a 'State.StateChange Profile.CallbackPortraitSet Sns.CallbackPrevFriendAdd Sns.CallbackPrevFriendResponse Sns.CallbackFriendAdd Sns.CallbackFriendDelete Sns.CallbackBlackListAdd Sns.CallbackBlackListDelete Follow.CallbackAfterFollowAdd Follow.CallbackAfterFollowDelete C2C.CallbackBeforeSendMsg C2C.CallbackAfterSendMsg C2C.CallbackAfterMsgReport C2C.CallbackAfterMsgWithDraw C2C.CallbackAfterC2CMsgExtension Group.CallbackBeforeCreateGroup Group.CallbackAfterCreateGroup Group.CallbackBeforeApplyJoinGroup Group.CallbackBeforeInviteJoinGroup Group.CallbackAfterNewMemberJoin Group.CallbackAfterMemberExit Group.CallbackBeforeSendMsg Group.CallbackAfterSendMsg Group.CallbackAfterGroupFull Group.CallbackAfterGroupDestroyed Group.CallbackAfterGroupInfoChanged Group.CallbackOnMemberStateChange Group.CallbackSendMsgException Group.CallbackAfterRecallMsg Group.CallbackAfterMemberFieldChanged Group.CallbackAfterGroupAttrChanged Group.CallbackAfterReadReceipt Group.CallbackAfterChangeGroupOwner Group.CallbackAfterGroupMsgExtension Group.CallbackBeforeCreateTopic Group.CallbackAfterCreateTopic Group.CallbackAfterTopicDestroyed Group.CallbackAfterTopicInfoChanged Push.OfflinePush Push.AllMemberPush Alert.RequestOverLimit OfficialAccount.CallbackBeforeCreateOfficialAccount OfficialAccount.CallbackAfterCreateOfficialAccount OfficialAccount.CallbackAfterOfficialAccountInfoChanged OfficialAccount.CallbackAfterOfficialAccountDestroyed OfficialAccount.CallbackBeforeAddSubscriber OfficialAccount.CallbackAfterAddSubscriber OfficialAccount.CallbackAfterOfficialAccountFull OfficialAccount.CallbackAfterDeleteSubscriber OfficialAccount.CallbackBeforeSendMsg OfficialAccount.CallbackAfterSendMsg OfficialAccount.CallbackAfterMsgWithDraw Bot.OnC2CMessage Bot.OnGroupMessage Chatbot.OnC2CSignalMessage Group.CallbackOnDailyGroupQuotaAlarm ContentCallback.ResultNotify callbackBeforeSendSingleMsgCommand callbackBeforeUpdateUserInfoExCommand callbackAfterUpdateUserInfoExCommand callbackAfterSendSingleMsgCommand callbackBeforeSendGroupMsgCommand callbackBeforeMsgModifyCommand callbackAfterSendGroupMsgCommand callbackAfterMsgSaveDBCommand callbackAfterUserOnlineCommand callbackAfterUserOfflineCommand callbackAfterUserKickOffCommand callbackBeforeOfflinePushCommand callbackBeforeOnlinePushCommand callbackBeforeGroupOnlinePushCommand callbackBeforeAddFriendCommand callbackBeforeUpdateUserInfoCommand callbackAfterUpdateUserInfoCommand callbackBeforeCreateGroupCommand callbackAfterCreateGroupCommand callbackBeforeMembersJoinGroupCommand callbackBeforeSetGroupMemberInfoCommand callbackAfterSetGroupMemberInfoCommand callbackAfterQuitGroupCommand callbackAfterKickGroupCommand callbackAfterDisMissGroupCommand callbackBeforeJoinGroupCommand callbackAfterGroupMsgReadCommand callbackAfterSingleMsgReadCommand callbackBeforeUserRegisterCommand callbackAfterUserRegisterCommand callbackAfterTransferGroupOwnerCommand callbackBeforeSetFriendRemarkCommand callbackAfterSetFriendRemarkCommand callbackAfterJoinGroupCommand callbackBeforeInviteJoinGroupCommand callbackAfterSetGroupInfoCommand callbackBeforeSetGroupInfoCommand callbackAfterSetGroupInfoExCommand callbackBeforeSetGroupInfoExCommand callbackBeforeAfterMsgCommand callbackBeforeAddBlackCommand callbackAfterAddFriendCommand callbackBeforeAddFriendAgreeCommand callbackAfterAddFriendAgreeCommand callbackAfterDeleteFriendCommand callbackBeforeImportFriendsCommand callbackAfterImportFriendsCommand callbackAfterRemoveBlackCommand callbackBeforeCreateSingleChatConversationsCommand callbackAfterCreateSingleChatConversationsCommand callbackBeforeCreateGroupChatConversationsCommand callbackAfterCreateGroupChatConversationsCommand callbackBeforePushCommand' -d 'override the detected CallbackCommand / callbackCommand; alone, send its built-in sample'
complete -c chatpush -n '__chatpush_at "replay"' -l protocol -x -a 'tencent openim' -d 'send only this protocol\'s fixtures'
complete -c chatpush -n '__chatpush_at "replay"' -l url-openim -x -d 'send the OpenIM fixtures to this webhook base URL (and the Tencent ones to --url)'
complete -c chatpush -n '__chatpush_at "replay"' -l sdkappid -x -d 'SdkAppid query parameter (env CHATPUSH_SDKAPPID, or the profile) (default: 1400000000)'
complete -c chatpush -n '__chatpush_at "replay"' -l client-ip -x -d 'ClientIP query parameter for message callbacks'
complete -c chatpush -n '__chatpush_at "replay"' -l opt-platform -x -d 'OptPlatform query parameter for message callbacks'
complete -c chatpush -n '__chatpush_at "replay"' -l token -x -d 'callback auth token: adds RequestTime and Sign (env CHATPUSH_CALLBACK_TOKEN)'
complete -c chatpush -n '__chatpush_at "replay"' -l set -x -d 'override a field of every body (JSON value or string); repeatable'
complete -c chatpush -n '__chatpush_at "replay"' -l fresh -d 'new MsgTime, EventTime, MsgSeq, MsgRandom, MsgKey, PushID, operationID so de-duplicating backends see new events'
complete -c chatpush -n '__chatpush_at "replay"' -l repeat -x -d 'send each callback n times'
complete -c chatpush -n '__chatpush_at "replay"' -l concurrency -x -d 'requests in flight at once'
complete -c chatpush -n '__chatpush_at "replay"' -l rate -x -d 'at most r requests per second'
complete -c chatpush -n '__chatpush_at "replay"' -l budget-ms -x -d 'reply deadline in ms (default: Tencent 2000, OpenIM 5000)'
complete -c chatpush -n '__chatpush_at "replay"' -l strict -d 'fail replies the platform accepts but that carry a warning'
complete -c chatpush -n '__chatpush_at "replay"' -l junit -r -F -d 'write a JUnit XML report to this file'
complete -c chatpush -n '__chatpush_at "replay"' -l allow-remote -d 'allow a --url that is not a loopback address (and OpenIM redirects to one)'
complete -c chatpush -n '__chatpush_at "replay"' -l report-html -r -F -d 'write a self-contained HTML report (results, decisions, latency histogram)'
complete -c chatpush -n '__chatpush_at "replay"' -l report-markdown -r -F -d 'write the summary as GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY)'
complete -c chatpush -n '__chatpush_at "replay" 0+' -F
complete -c chatpush -n '__chatpush_at "fixtures"' -a list -d 'list every command with its protocol, kind and what its reply can do'
complete -c chatpush -n '__chatpush_at "fixtures"' -a show -d 'print the sample body of a command (a valid fixture file for replay)'
complete -c chatpush -n '__chatpush_at "fixtures list"' -l protocol -x -a 'tencent openim' -d 'only this protocol'
complete -c chatpush -n '__chatpush_at "fixtures show" 0' -a 'State.StateChange Profile.CallbackPortraitSet Sns.CallbackPrevFriendAdd Sns.CallbackPrevFriendResponse Sns.CallbackFriendAdd Sns.CallbackFriendDelete Sns.CallbackBlackListAdd Sns.CallbackBlackListDelete Follow.CallbackAfterFollowAdd Follow.CallbackAfterFollowDelete C2C.CallbackBeforeSendMsg C2C.CallbackAfterSendMsg C2C.CallbackAfterMsgReport C2C.CallbackAfterMsgWithDraw C2C.CallbackAfterC2CMsgExtension Group.CallbackBeforeCreateGroup Group.CallbackAfterCreateGroup Group.CallbackBeforeApplyJoinGroup Group.CallbackBeforeInviteJoinGroup Group.CallbackAfterNewMemberJoin Group.CallbackAfterMemberExit Group.CallbackBeforeSendMsg Group.CallbackAfterSendMsg Group.CallbackAfterGroupFull Group.CallbackAfterGroupDestroyed Group.CallbackAfterGroupInfoChanged Group.CallbackOnMemberStateChange Group.CallbackSendMsgException Group.CallbackAfterRecallMsg Group.CallbackAfterMemberFieldChanged Group.CallbackAfterGroupAttrChanged Group.CallbackAfterReadReceipt Group.CallbackAfterChangeGroupOwner Group.CallbackAfterGroupMsgExtension Group.CallbackBeforeCreateTopic Group.CallbackAfterCreateTopic Group.CallbackAfterTopicDestroyed Group.CallbackAfterTopicInfoChanged Push.OfflinePush Push.AllMemberPush Alert.RequestOverLimit OfficialAccount.CallbackBeforeCreateOfficialAccount OfficialAccount.CallbackAfterCreateOfficialAccount OfficialAccount.CallbackAfterOfficialAccountInfoChanged OfficialAccount.CallbackAfterOfficialAccountDestroyed OfficialAccount.CallbackBeforeAddSubscriber OfficialAccount.CallbackAfterAddSubscriber OfficialAccount.CallbackAfterOfficialAccountFull OfficialAccount.CallbackAfterDeleteSubscriber OfficialAccount.CallbackBeforeSendMsg OfficialAccount.CallbackAfterSendMsg OfficialAccount.CallbackAfterMsgWithDraw Bot.OnC2CMessage Bot.OnGroupMessage Chatbot.OnC2CSignalMessage Group.CallbackOnDailyGroupQuotaAlarm ContentCallback.ResultNotify callbackBeforeSendSingleMsgCommand callbackBeforeUpdateUserInfoExCommand callbackAfterUpdateUserInfoExCommand callbackAfterSendSingleMsgCommand callbackBeforeSendGroupMsgCommand callbackBeforeMsgModifyCommand callbackAfterSendGroupMsgCommand callbackAfterMsgSaveDBCommand callbackAfterUserOnlineCommand callbackAfterUserOfflineCommand callbackAfterUserKickOffCommand callbackBeforeOfflinePushCommand callbackBeforeOnlinePushCommand callbackBeforeGroupOnlinePushCommand callbackBeforeAddFriendCommand callbackBeforeUpdateUserInfoCommand callbackAfterUpdateUserInfoCommand callbackBeforeCreateGroupCommand callbackAfterCreateGroupCommand callbackBeforeMembersJoinGroupCommand callbackBeforeSetGroupMemberInfoCommand callbackAfterSetGroupMemberInfoCommand callbackAfterQuitGroupCommand callbackAfterKickGroupCommand callbackAfterDisMissGroupCommand callbackBeforeJoinGroupCommand callbackAfterGroupMsgReadCommand callbackAfterSingleMsgReadCommand callbackBeforeUserRegisterCommand callbackAfterUserRegisterCommand callbackAfterTransferGroupOwnerCommand callbackBeforeSetFriendRemarkCommand callbackAfterSetFriendRemarkCommand callbackAfterJoinGroupCommand callbackBeforeInviteJoinGroupCommand callbackAfterSetGroupInfoCommand callbackBeforeSetGroupInfoCommand callbackAfterSetGroupInfoExCommand callbackBeforeSetGroupInfoExCommand callbackBeforeAfterMsgCommand callbackBeforeAddBlackCommand callbackAfterAddFriendCommand callbackBeforeAddFriendAgreeCommand callbackAfterAddFriendAgreeCommand callbackAfterDeleteFriendCommand callbackBeforeImportFriendsCommand callbackAfterImportFriendsCommand callbackAfterRemoveBlackCommand callbackBeforeCreateSingleChatConversationsCommand callbackAfterCreateSingleChatConversationsCommand callbackBeforeCreateGroupChatConversationsCommand callbackAfterCreateGroupChatConversationsCommand callbackBeforePushCommand' -d 'a CallbackCommand or OpenIM callbackCommand'
complete -c chatpush -n '__chatpush_at "webhook"' -a sign -d 'print RequestTime and Sign (with --url, the signed URL)'
complete -c chatpush -n '__chatpush_at "webhook"' -a verify -d 'check the Sign and the 60 s RequestTime window of a callback URL or query'
complete -c chatpush -n '__chatpush_at "webhook sign"' -l token -x -d 'callback token ("-" reads it from stdin; env CHATPUSH_CALLBACK_TOKEN)'
complete -c chatpush -n '__chatpush_at "webhook sign"' -l time -x -d 'RequestTime to sign (default: now)'
complete -c chatpush -n '__chatpush_at "webhook sign"' -l url -x -d 'print this URL with RequestTime and Sign added'
complete -c chatpush -n '__chatpush_at "webhook verify"' -l token -x -d 'callback token ("-" reads it from stdin; env CHATPUSH_CALLBACK_TOKEN)'
complete -c chatpush -n '__chatpush_at "usersig"' -a gen -d 'print a UserSig for the admin identifier'
complete -c chatpush -n '__chatpush_at "usersig"' -a verify -d 'decode a UserSig and say whether it is valid for this SDKAppID, key and identifier'
complete -c chatpush -n '__chatpush_at "usersig gen"' -l sdkappid -x -d 'SDKAppID of the app (env CHATPUSH_SDKAPPID)'
complete -c chatpush -n '__chatpush_at "usersig gen"' -l identifier -x -d 'App admin identifier (env CHATPUSH_IDENTIFIER) (default: "administrator")'
complete -c chatpush -n '__chatpush_at "usersig gen"' -l secret-key-file -r -F -d 'read the secret key from this file (env CHATPUSH_SECRET_KEY)'
complete -c chatpush -n '__chatpush_at "usersig gen"' -l expire -x -d 'validity in seconds (1–2147483647)'
complete -c chatpush -n '__chatpush_at "usersig verify"' -l sdkappid -x -d 'SDKAppID of the app (env CHATPUSH_SDKAPPID)'
complete -c chatpush -n '__chatpush_at "usersig verify"' -l identifier -x -d 'App admin identifier (env CHATPUSH_IDENTIFIER) (default: "administrator")'
complete -c chatpush -n '__chatpush_at "usersig verify"' -l secret-key-file -r -F -d 'read the secret key from this file (env CHATPUSH_SECRET_KEY)'
complete -c chatpush -n '__chatpush_at "config"' -a get -d 'print the effective value of a key'
complete -c chatpush -n '__chatpush_at "config"' -a set -d 'store a value in the profile (secretKey is read from stdin or a hidden prompt)'
complete -c chatpush -n '__chatpush_at "config"' -a unset -d 'remove a key from the profile'
complete -c chatpush -n '__chatpush_at "config"' -a list -d 'show every setting, where it comes from, with secrets redacted'
complete -c chatpush -n '__chatpush_at "config"' -a path -d 'print the config file path'
complete -c chatpush -n '__chatpush_at "config get" 0' -a 'sdkappid identifier secretKey region endpoint callbackToken' -d 'sdkappid, identifier, region, endpoint, or secretKey (only whether it is set)'
complete -c chatpush -n '__chatpush_at "config set" 0' -a 'sdkappid identifier secretKey region endpoint callbackToken' -d 'sdkappid, identifier, secretKey, region or endpoint'
complete -c chatpush -n '__chatpush_at "config unset" 0' -a 'sdkappid identifier secretKey region endpoint callbackToken' -d 'the key to remove'
complete -c chatpush -n '__chatpush_at "completion" 0' -a 'bash zsh fish' -d 'bash, zsh or fish'
complete -c chatpush -n '__chatpush_at "sandbox"' -l sdkappid -x -d 'SDKAppID of the app (env CHATPUSH_SDKAPPID)'
complete -c chatpush -n '__chatpush_at "sandbox"' -l identifier -x -d 'App admin identifier (env CHATPUSH_IDENTIFIER) (default: "administrator")'
complete -c chatpush -n '__chatpush_at "sandbox"' -l secret-key-file -r -F -d 'read the secret key from this file (env CHATPUSH_SECRET_KEY)'
complete -c chatpush -n '__chatpush_at "sandbox"' -l port -x -d 'port to listen on (0 picks a free one)'
complete -c chatpush -n '__chatpush_at "sandbox"' -l host -x -d 'address to bind'
complete -c chatpush -n '__chatpush_at "sandbox"' -l min-interval-ms -x -d 'rate limit: minimum ms between requests (default 1000, the real API; lower only for tests and demos)'
complete -c chatpush -n '__chatpush_at "listen"' -l port -x -d 'port to listen on (0 picks a free one)'
complete -c chatpush -n '__chatpush_at "listen"' -l host -x -d 'address to bind'
complete -c chatpush -n '__chatpush_at "listen"' -l reply -x -a 'ok fail slow' -d 'how to answer'
complete -c chatpush -n '__chatpush_at "listen"' -l sdkappid -x -d 'expected SdkAppid (env CHATPUSH_SDKAPPID)'
complete -c chatpush -n '__chatpush_at "listen"' -l token -x -d 'check Sign/RequestTime with this token (env CHATPUSH_CALLBACK_TOKEN)'
complete -c chatpush -n '__chatpush_at "listen"' -l save -r -F -d 'append each callback to this JSON Lines file, a fixture for replay'
complete -c chatpush -n '__chatpush_at "help" 0' -a 'trace stats loss online doctor replay fixtures webhook usersig config explain completion sandbox listen demo' -d 'the command'
