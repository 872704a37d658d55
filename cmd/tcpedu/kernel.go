package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/tcpedu/tcpedu/cmd/tcpedu/internal/kernel"
)

const kernelUsage = `Usage: tcpedu kernel install [--user | --prefix DIR] [--name NAME]
       tcpedu kernel CONNECTION_FILE

Makes tcpedu a Jupyter kernel: notebooks of Go cells, with the tcpedu
model preloaded, run in Jupyter (jupyter notebook, jupyter lab,
jupyter nbconvert --execute, jupyter console).

tcpedu kernel install writes the kernelspec kernels/NAME/kernel.json,
which tells Jupyter to start this tcpedu binary. With --user (the
default) it goes in your Jupyter data folder: $JUPYTER_DATA_DIR if set,
else ~/.local/share/jupyter on Linux ($XDG_DATA_HOME/jupyter if that is
set), ~/Library/Jupyter on macOS, %APPDATA%\jupyter on Windows. With
--prefix DIR it goes in DIR/share/jupyter. Install from a built binary
(go install ./cmd/tcpedu, or go build -o tcpedu ./cmd/tcpedu): the one
go run makes is deleted when it exits. Then:

  jupyter kernelspec list          lists tcpedu
  jupyter notebook notebooks/      open a notebook and pick "Go (tcpedu)"

tcpedu kernel CONNECTION_FILE is what Jupyter runs: it speaks the
Jupyter messaging protocol (5.3) on the ports the connection file names,
over tcp on loopback only, and refuses every message not signed with the
file's key. Ctrl-C (SIGINT) interrupts the running cell; it does not stop
the kernel.

Flags of install:
`

// runKernel is tcpedu kernel: install a kernelspec, or serve as a kernel.
func runKernel(e *env, args []string) error {
	if len(args) > 0 && args[0] == "install" {
		return runKernelInstall(e, args[1:])
	}
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	rest, err := parseFlags(fs, args, kernelUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		installFlags(flag.NewFlagSet("install", flag.ContinueOnError), e)
		return nil
	}
	if err != nil {
		return err
	}
	switch len(rest) {
	case 0:
		return usagef("kernel needs a connection file (Jupyter passes one) or 'install'")
	case 1:
	default:
		return usagef("kernel takes one connection file, not %d arguments", len(rest))
	}
	return serveKernel(e, rest[0])
}

// installFlags defines install's flags on fs; given an env, it prints them
// instead, for --help.
func installFlags(fs *flag.FlagSet, e *env) (user *bool, prefix, name *string) {
	user = fs.Bool("user", false, "install in your Jupyter data folder (the default)")
	prefix = fs.String("prefix", "", "install in `DIR`/share/jupyter/kernels instead")
	name = fs.String("name", kernel.DefaultName, "the kernelspec's `NAME`, as notebooks refer to it")
	if e != nil {
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
	}
	return user, prefix, name
}

// runKernelInstall is tcpedu kernel install.
func runKernelInstall(e *env, args []string) error {
	fs := flag.NewFlagSet("kernel install", flag.ContinueOnError)
	user, prefix, name := installFlags(fs, nil)
	rest, err := parseFlags(fs, args, kernelUsage, e.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("kernel install takes no arguments, got %q", rest[0])
	}
	if *user && *prefix != "" {
		return usagef("--user and --prefix name two places; choose one")
	}
	exe, err := kernel.Executable()
	if err != nil {
		return err
	}
	var dataDir string
	if *prefix != "" {
		if dataDir, err = filepath.Abs(kernel.PrefixDataDir(*prefix)); err != nil {
			return err
		}
	} else if dataDir, err = kernel.UserDataDir(); err != nil {
		return err
	}
	dir, err := kernel.Install(dataDir, *name, kernel.NewSpec(exe))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Installed the Jupyter kernel %q (Go (tcpedu)) in %s\n", *name, dir)
	fmt.Fprintf(e.stdout, "It runs: %s kernel {connection_file}\n", exe)
	if *prefix != "" {
		fmt.Fprintf(e.stdout, "Jupyter looks there if %s is its prefix, or with JUPYTER_PATH=%s\n", *prefix, dataDir)
	}
	fmt.Fprint(e.stdout, `Next:
  jupyter kernelspec list          lists it
  jupyter notebook notebooks/      open a notebook and pick "Go (tcpedu)"
`)
	return nil
}

// serveKernel runs the kernel Jupyter asked for in connFile until Jupyter
// shuts it down or SIGTERM arrives. SIGINT interrupts the running cell.
func serveKernel(e *env, connFile string) error {
	ci, err := kernel.ReadConnectionFile(connFile)
	if err != nil {
		return err
	}
	engine, err := newKernelEngine()
	if err != nil {
		return err
	}
	cfg := kernel.Config{Log: e.stderr}
	// An engine may say more about itself than the Engine interface asks.
	if b, ok := engine.(interface{ Banner() string }); ok {
		cfg.Banner = b.Banner()
	}
	if l, ok := engine.(interface{ LanguageInfo() kernel.LanguageInfo }); ok {
		cfg.Language = l.LanguageInfo()
	}
	k, err := kernel.New(ci, engine, cfg)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	go watchParent(ctx, stop, e)
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)
	go func() {
		for {
			select {
			case <-interrupts:
				k.Interrupt()
			case <-ctx.Done():
				return
			}
		}
	}()
	return k.Run(ctx)
}

// watchParent calls stop when the Jupyter process that started the kernel
// is gone, so that a client that crashed leaves no kernel behind.
// jupyter_client names itself in JPY_PARENT_PID; IPython's kernel watches
// it the same way, by polling for a change of parent process (on Windows
// the variable holds a handle, not a process id, and is not watched).
func watchParent(ctx context.Context, stop func(), e *env) {
	pid, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	if err != nil || runtime.GOOS == "windows" || os.Getppid() != pid {
		return
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if os.Getppid() != pid {
				fmt.Fprintf(e.stderr, "tcpedu kernel: Jupyter (process %d) is gone; stopping\n", pid)
				stop()
				return
			}
		}
	}
}
