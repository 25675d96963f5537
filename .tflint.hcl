# tflint for the synthesized stacks (make scan). The aws ruleset is built
# from the Go module proxy by tools/scan/run.sh and found through
# TFLINT_PLUGIN_DIR, so no source/version here (that would download it).
config {
  call_module_type = "none"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

plugin "aws" {
  enabled = true
}
