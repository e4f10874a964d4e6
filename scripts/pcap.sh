# pcap.sh: bash functions that write small packet captures (classic pcap,
# little-endian, microseconds, Ethernet; no checksums, which readers do not
# check), for the examples (scripts/make-examples) and the end-to-end tests
# (tests/e2e/*capture*/setup, through a link to this file).  Deterministic:
# the same calls give the same bytes.
#
#   pcap_begin FILE        starts FILE: the global header; frames count from 1
#   pcap_at EPOCH          the time of the next frames (each frame 1 ms after
#                          the previous one at the same time)
#   tcp SRC SPORT DST DPORT FLAGS [PAYLOAD]   FLAGS in hex (02 SYN, 12 SYN-ACK,
#                          18 PSH-ACK); PAYLOAD in printf %b escapes
#   handshake CLIENT CPORT SERVER SPORT       SYN and SYN-ACK
#   udp SRC SPORT DST DPORT PAYLOAD
#   gre SRC DST            GRE carrying ERSPAN II (protocol 0x88BE)
#   tacacs FLAGS           prints a TACACS+ authentication START (flags 01:
#                          unencrypted, 00: encrypted) for tcp's PAYLOAD
# Needs bash, printf, wc, cat and mktemp.

# printf escapes of a 16-bit big-endian and a 32-bit little-endian number,
# and of a dotted quad
be16() { printf '\\x%02x\\x%02x' $(($1 >> 8 & 255)) $(($1 & 255)); }
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) \
    $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
quad() { local IFS=.; set -- $1; printf '\\x%02x\\x%02x\\x%02x\\x%02x' "$@"; }

pcap_begin() {
    pcap_out=$1
    pcap_tmp=$(mktemp -d)
    trap 'rm -rf "$pcap_tmp"' EXIT
    pcap_frame=0
    pcap_sec=1740996000
    pcap_usec=0
    # magic, version 2.4, zone 0, sigfigs 0, snaplen 65535, Ethernet
    printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00' > "$pcap_out"
    printf '\xff\xff\x00\x00\x01\x00\x00\x00' >> "$pcap_out"
}

pcap_at() {
    pcap_sec=$1
    pcap_usec=0
}

# record FILE: appends FILE (an IPv4 packet) as the next frame, in an
# Ethernet header.
record() {
    local len=$(($(wc -c < "$1") + 14))
    pcap_frame=$((pcap_frame + 1))
    printf "$(le32 $pcap_sec)$(le32 $pcap_usec)$(le32 $len)$(le32 $len)" >> "$pcap_out"
    printf '\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00' >> "$pcap_out"
    cat "$1" >> "$pcap_out"
    pcap_usec=$((pcap_usec + 1000))
}

# ip4 SRC DST PROTO: wraps $pcap_tmp/l4 in an IPv4 header into $pcap_tmp/ip.
ip4() {
    local len=$(($(wc -c < "$pcap_tmp/l4") + 20))
    printf "\\x45\\x00$(be16 $len)\\x12\\x34\\x40\\x00\\x40\\x$(printf %02x "$3")\\x00\\x00" \
        > "$pcap_tmp/ip"
    printf "$(quad "$1")$(quad "$2")" >> "$pcap_tmp/ip"
    cat "$pcap_tmp/l4" >> "$pcap_tmp/ip"
}

tcp() {
    printf "$(be16 "$2")$(be16 "$4")\\x00\\x00\\x10\\x00\\x00\\x00\\x00\\x00\\x50\\x$5" \
        > "$pcap_tmp/l4"
    printf '\xfa\xf0\x00\x00\x00\x00' >> "$pcap_tmp/l4"
    printf '%b' "${6:-}" >> "$pcap_tmp/l4"
    ip4 "$1" "$3" 6
    record "$pcap_tmp/ip"
}

handshake() {
    tcp "$1" "$2" "$3" "$4" 02
    tcp "$3" "$4" "$1" "$2" 12
}

udp() {
    local body
    printf '%b' "$5" > "$pcap_tmp/body"
    body=$(wc -c < "$pcap_tmp/body")
    printf "$(be16 "$2")$(be16 "$4")$(be16 $((body + 8)))\\x00\\x00" > "$pcap_tmp/l4"
    cat "$pcap_tmp/body" >> "$pcap_tmp/l4"
    ip4 "$1" "$3" 17
    record "$pcap_tmp/ip"
}

# GRE with a sequence number, protocol 0x88BE, an ERSPAN II header and the
# start of a mirrored Ethernet frame
gre() {
    printf '\x10\x00\x88\xbe\x00\x00\x00\x01\x10\x01\x00\x64\x00\x00\x00\x01' > "$pcap_tmp/l4"
    printf '\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00' >> "$pcap_tmp/l4"
    ip4 "$1" "$2" 47
    record "$pcap_tmp/ip"
}

# version 0xc0, type 1 (authentication), seq 1, FLAGS, session id, length
# 12, then a START body for user-less login on tty0
tacacs() {
    printf '\\xc0\\x01\\x01\\x%s\\x5e\\xed\\x1a\\x11\\x00\\x00\\x00\\x0c' "$1"
    printf '\\x01\\x01\\x01\\x01\\x00\\x04\\x00\\x00tty0'
}
