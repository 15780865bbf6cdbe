/**
 * Cross-process locks by (scope, key): the one lock mechanism Baton's rules use (downloads, installs, SQLite units,
 * user rules).
 *
 * <p>Entry points: {@link dev.baton.lock.LockService#acquire} returns a {@link dev.baton.lock.LockHandle}
 * (close to release; {@code peerCompletedWhileWaiting()} and {@code markDone()} for the double-check);
 * {@link dev.baton.lock.TimeoutPolicy} says what a timeout does; {@code BatonContext.lockService()} owns the JVM's
 * service.
 *
 * <p>How a wait works: threads of this JVM queue per key on a fair reentrant lock ({@code KeyEntry}); the queue's
 * owner alone competes with other processes through the backend, first without waiting, then on a dedicated
 * platform thread ({@code KernelWaiters}) that blocks in the backend and is never interrupted.
 *
 * <p>Backends implement {@link dev.baton.lock.LockBackend} and {@link dev.baton.lock.KeyLock}: exclusion between
 * processes plus the per-key {@link dev.baton.lock.LockRecord} (holder identity, generation, state). The file backend
 * is {@link dev.baton.lock.file.FileLockBackend}. A backend is found by name: a
 * {@link dev.baton.lock.LockBackendProvider} listed in a service file, in the agent jar (file) or in the backend's
 * own jar beside it (postgres, see {@code BackendJar}); {@link dev.baton.lock.LockBackends} names none of them. A
 * new backend passes the contract test every backend passes ({@code LockBackendContract} in the tests).
 * {@link dev.baton.lock.BackendUnavailableException} from a wait makes the service apply the caller's timeout
 * policy.
 *
 * <p>A key may be placed ({@link dev.baton.lock.LockId#placed}): its lock then lives in a directory the caller names
 * (downloads: beside the target), so every process touching that directory meets on it whatever its configuration.
 * Lock files no process uses are removed (the protocol is in {@code FileKeyLock}; docs/design.md has the proof).
 */
package dev.baton.lock;
