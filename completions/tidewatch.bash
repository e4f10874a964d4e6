# bash completion for tidewatch: commands, each command's options, the
# values of --format, --fail-on, --state and --dialect, and files.
_tidewatch() {
    local cur prev cmd opts
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="scan audit hunt exposure diff watch findings report rules"
    local output="--format --output --fail-on --quiet --no-color"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}
    case $prev in
    -f|--format) COMPREPLY=($(compgen -W "text jsonl sarif csv html" -- "$cur")); return ;;
    --fail-on|--severity) COMPREPLY=($(compgen -W "info low medium high critical" -- "$cur")); return ;;
    --state) COMPREPLY=($(compgen -W "open acknowledged resolved all" -- "$cur")); return ;;
    --dialect) COMPREPLY=($(compgen -W "ios ios-xe nx-os ios-xr junos eos asa pan-os" -- "$cur")); return ;;
    --log-format) COMPREPLY=($(compgen -W "syslog tacacs ise jsonl" -- "$cur")); return ;;
    --inventory-format) COMPREPLY=($(compgen -W "csv json netbox show-version config" -- "$cur")); return ;;
    --git|--configs|--rules|--baseline|--csaf) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -o|--output|--ioc|--policy|--kev|--cves|--store) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --since|--role|--json-field|--syslog|--exec|--note|--device|--rule|--limit|-j|--jobs) return ;;
    esac
    case $cmd in
    scan) opts="$output --ioc --no-builtin-iocs --rules --policy --no-fleet --verbose --help" ;;
    audit) opts="$output --ioc --no-builtin-iocs --rules --policy --no-fleet --role --baseline --dialect --jobs --verbose --help" ;;
    hunt) opts="$output --ioc --no-builtin-iocs --rules --log-format --json-field --configs --jobs --verbose --help" ;;
    exposure) opts="$output --configs --kev --csaf --cves --inventory-format --verbose --help" ;;
    diff) opts="$output --ioc --no-builtin-iocs --git --since --dialect --verbose --help" ;;
    watch) opts="--configs --syslog --store --exec --output --ioc --no-builtin-iocs --rules --dialect --verbose --help" ;;
    findings) opts="list show ack prune --state --severity --device --rule --limit --note --before --include-open --store $output --help" ;;
    report) opts="$output --help" ;;
    rules) opts="list explain validate --rules --help" ;;
    *) return ;;
    esac
    if [[ $cur == -* ]] || [ "$cmd" = findings ] || [ "$cmd" = rules ]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _tidewatch tidewatch
