# privnet: make synth, make test. Go and Node.js 20+ are the only prerequisites;
# Go modules download on first use (go.sum pins them).
SHELL := /bin/bash
GO ?= go
FUZZTIME ?= 30s
# Keep the jsii runtime quiet about Node 20's end of life (core.NewApp sets
# these too; here they also cover the cdktf CLI).
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION ?= 14,16,18,20,22,24
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION ?= 1
export CHECKPOINT_DISABLE ?= 1

.PHONY: all deps synth synth-hcl review test fmt vet fuzz determinism scan bench cli deploy clean mermaid actionlint catalog

all: synth test

deps:
	$(GO) mod download

## synth: synthesize every stack of stacks/default.json into cdktf.out/
synth: deps
	@echo "make synth: compiling privnet (the first build compiles the AWS provider bindings: a minute or more), then one line per stack"
	$(GO) run . -outdir cdktf.out

## synth-hcl: the same stacks as HCL (cdktf's own HCL output) into cdktf.out.hcl/, formatted when terraform is installed
synth-hcl: deps
	$(GO) run . -hcl -outdir cdktf.out.hcl
	@if command -v terraform >/dev/null; then TF_CLI_CONFIG_FILE=/dev/null terraform fmt -recursive cdktf.out.hcl >/dev/null; else echo "terraform not found: HCL left unformatted"; fi

## review: the pull-request report of cdktf.out into cdktf.out/review.md (BASE=path/to/base/cdktf.out adds the change list)
review: synth
	$(GO) run ./cmd/review -out cdktf.out $(if $(BASE),-base $(BASE))

## test: unit, rule, snapshot and determinism tests (UPDATE_SNAPSHOTS=1 rewrites test/golden)
test: deps
	$(GO) test ./...

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

## fuzz: fuzz the subnet carving, the Lattice port parser, the configuration plan and the review's parsing and escaping, FUZZTIME each
fuzz:
	@# tools/fuzz.sh: a real finding fails; Go 1.26's deadline race at the end of -fuzztime (golang/go#75804) replays the corpus instead
	GO=$(GO) tools/fuzz.sh ./constructs/network FuzzCarve $(FUZZTIME)
	GO=$(GO) tools/fuzz.sh ./constructs/lattice FuzzParsePorts $(FUZZTIME)
	GO=$(GO) tools/fuzz.sh ./stacks FuzzPlan $(FUZZTIME)
	GO=$(GO) tools/fuzz.sh ./review FuzzNames $(FUZZTIME)
	GO=$(GO) tools/fuzz.sh ./review FuzzParse $(FUZZTIME)
	@# -fuzzminimizetime 0: minimizing the large golden seeds would take the whole budget
	GO=$(GO) tools/fuzz.sh ./reach FuzzAnalyze $(FUZZTIME) -fuzzminimizetime 0

## determinism: synthesize from a copy of the tree in another directory and compare bytes
determinism: synth
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	git ls-files -z | xargs -0 -I{} cp --parents {} "$$tmp"/ ; \
	(cd "$$tmp" && $(GO) run . -q -outdir elsewhere.out) && \
	for f in cdktf.out/stacks/*/cdk.tf.json; do \
		s=$${f#cdktf.out/stacks/}; s=$${s%%/*}; \
		cmp "$$f" "$$tmp/elsewhere.out/stacks/$$s/cdk.tf.json" || exit 1; \
	done && echo "determinism: $$(ls cdktf.out/stacks | wc -l) stack(s) byte-identical from $$tmp"

## scan: tflint (with the aws ruleset) and trivy over every stack, as JSON and as HCL; builds the pinned scanners once
scan: synth synth-hcl
	tools/scan/run.sh

## catalog: regenerate the endpoint catalog from the pinned aws-cdk-lib (npm, tools/catalog) and AWS's list; tests need none of it
catalog:
	cd tools/catalog && npm ci --no-audit --no-fund && node oracle.js ../../constructs/endpoints/catalog/testdata/cdk-oracle.json
	$(GO) run ./tools/catalog/gen
	$(GO) run ./cmd/catalogdoc
	$(GO) test ./constructs/endpoints/catalog/

## bench: whole synth processes: the floor (one VPC), all shipped stacks, a 2,000-resource app (BENCHMARKS.md); the review report over 1,000 and 10,000 resources
bench:
	cd bench && $(GO) test -tags bench -run '^$$' -bench . -benchtime $(or $(BENCHTIME),3x) .
	$(GO) test ./review/ -run '^$$' -bench . -benchmem
	$(GO) test ./reach/ -run '^$$' -bench . -benchmem

## mermaid: render every diagram of docs/review-example.md and of the hostile-names report (needs chromium)
mermaid:
	tools/mermaid/check.sh

## actionlint: lint the workflows docs/ci.md gives (docs/examples/*.yml)
actionlint:
	tools/actionlint/run.sh

## cli: install the pinned cdktf CLI (for deploy)
cli:
	npm ci --no-audit --no-fund

## deploy: make deploy STACK=baseline (needs AWS credentials and Terraform 1.5+)
deploy: cli
	npx cdktf deploy $(STACK)

## clean: remove cdktf.out, cdktf.out.hcl and leftovers of interrupted synths, but never Terraform state: a folder that holds a *.tfstate is kept, and make clean fails
clean:
	@kept=0; for d in cdktf.out cdktf.out.hcl .cdktf.out.privnet-* .cdktf.out.hcl.privnet-*; do \
		[ -e "$$d" ] || [ -L "$$d" ] || continue; \
		state=$$(find "$$d" -name .terraform -prune -o \( -name '*.tfstate' -o -name '*.tfstate.backup' \) -print 2>/dev/null | sort | head -5 | tr '\n' ' '); \
		if [ -n "$$state" ]; then \
			echo "make clean: kept $$d: it holds Terraform state ($${state% }); move the state out first (privnet's local backend keeps it in the project root: terraform.<stack>.tfstate)" >&2; \
			kept=1; continue; \
		fi; \
		rm -rf "$$d"; \
	done; exit $$kept
