package core

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aws/jsii-runtime-go"
)

// Shutdown stops the jsii runtime's node process and removes its temporary
// directory (/tmp/jsii-runtime.*). Call it once, when the program is done
// with every construct.
//
// Why not jsii.Close alone: jsii-runtime-go v1.140.0 waits for the node
// process twice, in a goroutine started with the process and again in Close
// (internal/kernel/process/process.go). When Close reaps the process first,
// the goroutine's wait fails with ECHILD and prints "Runtime process exited
// abnormally: waitid: no child processes" to stderr, at random. So on Linux
// we first ask node to exit the way Close would ({"exit":0} on its stdin)
// and wait until the goroutine has reaped it (its /proc entry is gone, which
// a zombie's is not); Close then finds nothing left to wait for.
//
// Shutdown also removes the staging directories of apps that never ran,
// and marks every app and construct made so far as belonging to a stopped
// runtime: using one afterwards is reported, not panicked on.
func Shutdown() {
	registryMu.Lock()
	generation++
	for dir := range temporary {
		os.RemoveAll(dir)
		delete(temporary, dir)
	}
	registryMu.Unlock()
	if pid := jsiiChild(); pid > 0 {
		if f, err := os.OpenFile("/proc/"+strconv.Itoa(pid)+"/fd/0", os.O_WRONLY, 0); err == nil {
			_, werr := f.Write([]byte("{\"exit\":0}\n"))
			f.Close()
			if werr == nil {
				deadline := time.Now().Add(10 * time.Second)
				for time.Now().Before(deadline) {
					if _, err := os.Stat("/proc/" + strconv.Itoa(pid)); err != nil {
						break
					}
					time.Sleep(2 * time.Millisecond)
				}
			}
		}
	}
	jsii.Close()
}

// jsiiChild finds this process's jsii runtime child on Linux; 0 elsewhere
// or when none runs.
func jsiiChild() int {
	me := os.Getpid()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, st := range stats {
		b, err := os.ReadFile(st)
		if err != nil {
			continue
		}
		// The command may hold spaces and parentheses: fields start after
		// the last ')'.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 2 || f[1] != strconv.Itoa(me) {
			continue
		}
		dir := filepath.Dir(st)
		cmd, err := os.ReadFile(filepath.Join(dir, "cmdline"))
		if err != nil || !bytes.Contains(cmd, []byte("jsii-runtime")) {
			continue
		}
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err == nil {
			return pid
		}
	}
	return 0
}
