/**
 * Ansible Vault, interoperable with {@code ansible-vault}: the envelope ({@code $ANSIBLE_VAULT;1.1;AES256}
 * and {@code 1.2} with a vault ID), the AES256 cipher ({@link dev.drover.vault.VaultCipher}: PBKDF2-HMAC-SHA256,
 * AES-256-CTR, HMAC-SHA256, all from the JDK), the passwords a run was given
 * ({@link dev.drover.vault.VaultKeys}) and the plaintexts it decrypted, which every output masks
 * ({@link dev.drover.vault.Redactor}). Nothing here prints, and nothing here knows playbooks: the
 * parsers and the CLI call in.
 */
package dev.drover.vault;
