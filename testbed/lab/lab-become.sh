# lab-become.sh - the lab's sudo setup for drover's `become` tests. Sourced by lab.sh; uses its
# globals dir and login_user and its die and EXIT_FAIL; sets extra_logins and become_note.
# shellcheck shell=bash disable=SC2154 # dir and login_user are set by lab.sh
#
# Run as root with sudo installed, `up` makes (idempotently; `down` removes none of it, and the
# users and /etc/sudoers.d/drover-lab stay until removed by hand: userdel -r drover-pw;
# userdel -r alfresco-lab; userdel -r drover-su; rm -r /etc/sudoers.d/drover-lab /var/lib/drover-lab):
#   drover        the login user: may run anything as anyone through sudo, without a password
#   drover-pw     a second login user (same key) that needs its password for sudo; the password is
#                 random, made once per machine (/var/lib/drover-lab/become_password, 0600, since the
#                 user is machine-wide) and copied to DIR/become_password
#   alfresco-lab  a plain target user with a home but no login shell, like the ACS service user
#   drover-su     a target user for `become_method: su`: a home, /bin/sh (su runs commands with the
#                 target's shell) and a random password, made once per machine
#                 (/var/lib/drover-lab/su_password, 0600) and copied to DIR/su_password; no login
# The login users' homes are 0750, as on hardened hosts: a become user cannot read the login user's
# agent cache, which is exactly what the become code must cope with.
#
# This grants root to a key that only the lab's loopback sshd accepts. Do not run the lab as root on
# a machine whose local users you do not trust.

readonly PASSWORD_USER=drover-pw
readonly TARGET_USER=alfresco-lab
readonly SUDOERS_FILE=/etc/sudoers.d/drover-lab
readonly MACHINE_PASSWORD=/var/lib/drover-lab/become_password
readonly SU_USER=drover-su
readonly SU_PASSWORD=/var/lib/drover-lab/su_password

ensure_become_users() {
  extra_logins=()
  if ((EUID != 0)); then
    become_note="none (lab.sh not run as root: no sudo users)"
    return 0
  fi
  if ! command -v sudo >/dev/null || ! command -v visudo >/dev/null; then
    become_note="none (sudo is not installed: apt-get install sudo)"
    return 0
  fi
  ensure_user "$PASSWORD_USER" /bin/bash
  ensure_user "$TARGET_USER" /usr/sbin/nologin
  chmod 0750 "$(home_of "$LAB_USER")" "$(home_of "$PASSWORD_USER")"
  # The password user is machine-wide, so its password is too: one random password kept in
  # $MACHINE_PASSWORD and copied into every lab's directory. A password per lab would let a second
  # lab (another checkout's tests, a bench) change it under the first one's running tests.
  ensure_machine_password "$MACHINE_PASSWORD"
  (umask 077 && cp "$MACHINE_PASSWORD" "$dir/become_password")
  # Every time: the user may have been re-created (a new user is locked, and sshd with UsePAM no
  # refuses even key logins to a locked account).
  printf '%s:%s\n' "$PASSWORD_USER" "$(<"$dir/become_password")" | chpasswd
  # The su target: su asks for the password of the user it switches to, so it has one of its own.
  ensure_user "$SU_USER" /bin/sh
  ensure_machine_password "$SU_PASSWORD"
  (umask 077 && cp "$SU_PASSWORD" "$dir/su_password")
  printf '%s:%s\n' "$SU_USER" "$(<"$dir/su_password")" | chpasswd
  write_sudoers
  extra_logins=("$PASSWORD_USER")
  become_note="$LAB_USER sudo NOPASSWD; $PASSWORD_USER sudo with the password in $dir/become_password; target $TARGET_USER; su to $SU_USER with the password in $dir/su_password"
}

home_of() { getent passwd "$1" | cut -d: -f6; }

# A random password in FILE (0600), made once: concurrent labs agree on it.
ensure_machine_password() {
  local file=$1
  if [[ ! -s $file ]]; then
    (umask 077 && mkdir -p "$(dirname "$file")" \
      && head -c 18 /dev/urandom | base64 | tr -d '/+=\n' >"$file.tmp.$$" \
      && mv -n "$file.tmp.$$" "$file"; rm -f "$file.tmp.$$")
  fi
}

# A user with a home and the given shell; its password (if any) is left alone.
ensure_user() {
  local user=$1 shell=$2
  if ! id -u "$user" >/dev/null 2>&1; then
    useradd --create-home --home-dir "/home/$user" --shell "$shell" --user-group "$user"
  fi
  [[ $(getent passwd "$user" | cut -d: -f7) == "$shell" ]] || usermod --shell "$shell" "$user"
  [[ -d $(home_of "$user") ]] || die "$EXIT_FAIL" "user $user has no home directory; run: userdel $user, then lab.sh up again"
}

# Checked by visudo before it is installed: a broken sudoers.d file would break sudo for everyone.
write_sudoers() {
  local new
  new=$(mktemp "$SUDOERS_FILE.XXXXXX")
  cat >"$new" <<EOS
# Written by drover's testbed/lab/lab.sh for the become tests; remove by hand when done with the lab.
$LAB_USER ALL=(ALL:ALL) NOPASSWD: ALL
$PASSWORD_USER ALL=(ALL:ALL) ALL
# No credential caching for the password user: every start must be asked (and a wrong password seen).
Defaults:$PASSWORD_USER timestamp_timeout=0, !lecture
EOS
  chmod 0440 "$new"
  if ! visudo -c -q -f "$new" >/dev/null; then
    rm -f "$new"
    die "$EXIT_FAIL" "the generated $SUDOERS_FILE does not pass visudo -c"
  fi
  if cmp -s "$new" "$SUDOERS_FILE"; then rm -f "$new"; else mv -f "$new" "$SUDOERS_FILE"; fi
}

# Lines for lab.properties: who can become whom, or why nobody can.
become_properties() {
  if ((${#extra_logins[@]} == 0)); then
    echo "become.unavailable=${become_note}"
    return 0
  fi
  echo "become.nopasswd_user=$LAB_USER"
  echo "become.password_user=$PASSWORD_USER"
  echo "become.password_file=$dir/become_password"
  echo "become.target_user=$TARGET_USER"
  echo "become.su_user=$SU_USER"
  echo "become.su_password_file=$dir/su_password"
}
