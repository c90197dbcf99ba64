// Command flags-hot-reload is a service whose behaviour hangs on flags, for
// gotui's live flags pane (issue 5). It reads three kinds of FlagSet:
//
//   - global flags on flag.CommandLine (-log-level, -batch, -verbose,
//     -interval, -name, -debug-file), parsed once at start;
//   - debugFlags, its own flag.FlagSet (-trace, -sample, and -mode, a custom
//     flag.Value), re-parsed from the file named by -debug-file on SIGHUP;
//   - pflags, an spf13/pflag FlagSet (--workers, --region), parsed once from
//     a fixed slice.
//
// Every tick prints one line showing every flag's value, so a change made
// from the debugger shows up at the next tick. Debug it with
//
//	go build -gcflags='all=-N -l' -o bin/flags-hot-reload . && dlv exec bin/flags-hot-reload
//
// and break on the line marked gotui:tick: a plain line, where Delve can
// inject calls such as `call debugFlags.formal["mode"].Value.Set("drain")`.
// Numbers and bools are edited by writing the variable behind the flag
// (`set *batch = 64`). (*flag.FlagSet).Set itself is not in the binary: the
// linker drops it, as nothing here calls it.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"
)

// Global flags, parsed once by flag.Parse.
var (
	logLevel  = flag.String("log-level", "info", "log level: debug, info, warn or error")
	batch     = flag.Int("batch", 16, "items handled per tick")
	verbose   = flag.Bool("verbose", false, "add detail to every tick line")
	interval  = flag.Duration("interval", 500*time.Millisecond, "time between ticks")
	name      = flag.String("name", "flagsvc", "service name, printed on every line")
	debugFile = flag.String("debug-file", "", "file of debug flags, one a line, re-read on SIGHUP")
	fixed     = flag.Bool("fixed", false, "a reload with a bad line changes no flag (the fix demos/flags-hot-reload/regress.gotui checks)")
)

// debugFlags are knobs an operator turns at run time: the service re-parses
// them from -debug-file on SIGHUP. Flags the file leaves out keep their value.
var debugFlags = flag.NewFlagSet("debug", flag.ContinueOnError)

var (
	trace  = debugFlags.Bool("trace", false, "trace every item")
	sample = debugFlags.Float64("sample", 1.0, "fraction of items to trace")
	mode   = modeValue("normal")
)

// pflags stands for a library that brings its own spf13/pflag FlagSet.
var pflags = pflag.NewFlagSet("extra", pflag.ContinueOnError)

var (
	workers = pflags.Int("workers", 1, "worker goroutines")
	region  = pflags.String("region", "local", "region the service runs in")
)

// modeValue is a custom flag.Value: only a few words are valid.
type modeValue string

func (m *modeValue) String() string { return string(*m) }

func (m *modeValue) Set(s string) error {
	switch s {
	case "normal", "drain", "readonly":
		*m = modeValue(s)
		return nil
	}
	return errors.New("mode must be one of normal, drain, readonly")
}

func init() {
	debugFlags.Var(&mode, "mode", "serving mode: normal, drain or readonly") // gotui:init
}

func main() {
	flag.Parse()
	fmt.Printf("flags-hot-reload: pid %d\n", os.Getpid())

	if err := pflags.Parse([]string{"--workers=4", "--region=eu-west-1"}); err != nil {
		fmt.Fprintln(os.Stderr, "flags-hot-reload:", err)
		os.Exit(2)
	}
	if *debugFile != "" {
		reloadDebugFlags(*debugFile)
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)

	for tick := 1; ; tick++ {
		if shouldPrint(tick) { // gotui:tick
			fmt.Println(render(tick)) // gotui:render
		}
		select {
		case <-hup:
			reloadDebugFlags(*debugFile)
		case <-time.After(*interval):
		}
	}
}

// shouldPrint keeps warn and error levels quiet: they print every 10th tick.
func shouldPrint(tick int) bool {
	switch *logLevel {
	case "warn", "error":
		return tick%10 == 0
	}
	return true
}

// render makes the tick line; every flag shows in it.
func render(tick int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s tick %d name=%s batch=%d interval=%s verbose=%t mode=%s trace=%t sample=%g workers=%d region=%s",
		strings.ToUpper(*logLevel), tick, *name, *batch, *interval, *verbose, mode, *trace, *sample, *workers, *region)
	if *verbose {
		fmt.Fprintf(&b, " handled=%d", tick*(*batch))
	}
	return b.String()
}

// reloadDebugFlags re-parses debugFlags from path, one flag a line
// ("-mode=drain", "-trace"); blank lines and lines starting with # are skipped.
func reloadDebugFlags(path string) {
	if path == "" {
		fmt.Fprintln(os.Stderr, "flags-hot-reload: SIGHUP without -debug-file: nothing to reload")
		return
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "flags-hot-reload:", err)
		return
	}
	defer f.Close()

	var args []string
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			args = append(args, line)
		}
	}
	// Parse stops at a bad line with the lines before it applied: the bug. The fix
	// (-fixed) puts every value back, so a reload is all or nothing.
	saved := map[*flag.Flag]string{}
	debugFlags.VisitAll(func(f *flag.Flag) { saved[f] = f.Value.String() })
	if err := debugFlags.Parse(args); err != nil {
		// ContinueOnError: the flag package has printed the error; keep serving.
		if *fixed {
			for f, v := range saved {
				f.Value.Set(v)
			}
		}
		return
	}
	fmt.Fprintf(os.Stderr, "flags-hot-reload: reloaded %d debug flags from %s\n", len(args), path)
}
