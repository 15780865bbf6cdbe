/**
 * Publishing a file whole: the target as the kernel resolves it, the hidden temp sibling it is written to first,
 * and keeping that temp's name out of what the application sees. Shared by downloads and {@code publish=argN} rules.
 */
package dev.baton.publish;
