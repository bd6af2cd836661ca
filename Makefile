# Techniqual — two commands: `make run` starts the app, `make test` runs every
# test. Each installs what it needs first (Go modules; C compiler and the
# GL/X11 headers Fyne needs; xvfb and poppler-utils for the tests).

SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
GO ?= go

# Debian/Ubuntu packages: to build the app (cgo for SQLite and OpenGL) and to test it.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev
TEST_PKGS  := xvfb x11-utils poppler-utils qpdf
# To cross-compile the Windows build.
PACKAGE_PKGS := gcc-mingw-w64-x86-64 xz-utils

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run test deps test-deps build lint bench smoke clean package package-check

run: deps
	$(GO) run . $(ARGS)

test: deps test-deps lint
	$(GO) build -o techniqual .
	$(GO) test ./...
	./.ci/smoke.sh ./techniqual

# lint: gofmt, go vet and staticcheck must all be clean.
lint: deps
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted" >&2; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

build: deps
	$(GO) build -o techniqual .

# bench prints the benchmarks the issues budget (see README).
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x ./data/demo/
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./data/ ./ui/...
	$(GO) test -run '^$$' -bench . -benchmem ./data/match/ ./data/rotation/ ./reports/ ./data/classlist/
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./data/stats/ ./data/formimport/ ./data/exchange/ ./reports/charts/

deps:
	@$(MAKE) --no-print-directory apt PKGS="$(BUILD_PKGS)"
	@command -v $(GO) >/dev/null || { echo "Go is missing: install Go 1.26 or newer from https://go.dev/dl/ and run make again." >&2; exit 1; }
	$(GO) mod download

test-deps:
	@$(MAKE) --no-print-directory apt PKGS="$(TEST_PKGS)"

# apt installs the Debian/Ubuntu packages in PKGS that are not installed yet.
.PHONY: apt
apt:
	@missing=""; for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Please install these packages (names as on Debian/Ubuntu) with your system's package manager:$$missing" >&2; exit 1; \
	  fi; \
	fi

# package builds, from this Linux machine, dist/Techniqual.tar.xz (binary,
# .desktop file and icon) and dist/Techniqual.exe (cross-compiled with
# mingw-w64: SQLite and all, icon and version from FyneApp.toml, no console
# window). The version lives in FyneApp.toml only. macOS: see README.
package: deps
	@$(MAKE) --no-print-directory apt PKGS="$(PACKAGE_PKGS)"
	mkdir -p dist
	$(GO) build -o dist/fyne fyne.io/tools/cmd/fyne
	cp FyneApp.toml dist/FyneApp.toml.keep # the fyne tool bumps Build in place
	cd dist && ./fyne package -os linux --release --src .. ; status=$$?; cp FyneApp.toml.keep ../FyneApp.toml; exit $$status
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc CGO_LDFLAGS=-lssp \
		dist/fyne package -os windows --release --src . ; status=$$?; cp dist/FyneApp.toml.keep FyneApp.toml; exit $$status
	mv Techniqual.exe dist/Techniqual.exe
	rm -f dist/fyne dist/FyneApp.toml.keep
	@ls -la dist

# package-check builds the packages and checks them: the unpacked Linux app
# shows its window under Xvfb; the .exe is a PE file for amd64, GUI subsystem,
# with resources (icon, version).
package-check: package test-deps
	./.ci/package-check.sh dist/Techniqual.tar.xz
	TECHNIQUAL_EXE=$(CURDIR)/dist/Techniqual.exe $(GO) test -run TestWindowsExecutable -count=1 ./ui/cli/

# bench-compare times `techniqual solve` against LEMON's NetworkSimplex on
# the generated allocation shapes of issue #16 (medians of REPS runs). It
# installs nothing: LEMON is timed when liblemon-dev is installed.
REPS ?= 5
.PHONY: bench-compare
bench-compare:
	./data/match/testdata/compare.sh $(REPS)

clean:
	rm -rf techniqual dist
