#include "emit.h"
void emit_go_test(const emit_ctx *ctx, const model_machine *m, out_files *files) { (void)ctx; (void)m; (void)files; }
