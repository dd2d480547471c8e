// Package rawfile makes the file system calls of the hot paths (reading
// content, writing output) directly, on descriptors rather than an
// *os.File, whose poller registration and finalizer cost a few
// microseconds on each of the thousands of files of a build. Each call is
// repeated when a signal interrupted it (EINTR), as package os does.
package rawfile
