# bash completion for cadencectl                         -*- shell-script -*-
# Installed as /usr/share/bash-completion/completions/cadencectl.

_cadencectl() {
  local cur prev words cword
  _init_completion || return

  local commands="check calendar contact account touch interactions export import
    forecast explain due upcoming done ack snooze demo send-test outbox backup restore review
    web-link"
  local global_opts="--config --db --help --version"

  case "$prev" in
    --config|--db) _filedir '@(yaml|yml|db|sqlite)'; return ;;
    --format) COMPREPLY=($(compgen -W "text csv json html" -- "$cur")); return ;;
    --kind) COMPREPLY=($(compgen -W "visit meal consult call message greeting like" -- "$cur")); return ;;
    --on-conflict) COMPREPLY=($(compgen -W "skip update fail" -- "$cur")); return ;;
    --encoding) COMPREPLY=($(compgen -W "utf-8 gb18030" -- "$cur")); return ;;
  esac

  # The first word that is not an option (or an option's value) is the command.
  local i command="" sub=""
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      --config|--db) ((i++)) ;;
      -*) ;;
      *) if [[ -z "$command" ]]; then command="${words[i]}"
         elif [[ -z "$sub" ]]; then sub="${words[i]}"; fi ;;
    esac
  done

  if [[ -z "$command" ]]; then
    COMPREPLY=($(compgen -W "$commands $global_opts" -- "$cur"))
    return
  fi
  case "$command" in
    contact|account)
      [[ -z "$sub" ]] && COMPREPLY=($(compgen -W "add edit rm list show" -- "$cur")) ;;
    calendar)
      [[ -z "$sub" ]] && COMPREPLY=($(compgen -W "holidays expand to-lunar from-lunar" -- "$cur")) ;;
    outbox)
      [[ -z "$sub" ]] && COMPREPLY=($(compgen -W "list retry" -- "$cur")) ;;
    demo)
      [[ -z "$sub" ]] && COMPREPLY=($(compgen -W "seed" -- "$cur")) ;;
    check|import|backup|restore)
      _filedir ;;
    touch)
      COMPREPLY=($(compgen -W "--kind --at --note --depth" -- "$cur")) ;;
    snooze)
      COMPREPLY=($(compgen -W "--for --until" -- "$cur")) ;;
    forecast)
      COMPREPLY=($(compgen -W "--from --to --format" -- "$cur")) ;;
  esac
}
complete -F _cadencectl cadencectl
