#include "emit.h"
void emit_ts_test(const emit_ctx *ctx, const model_machine *m, out_files *files) { (void)ctx; (void)m; (void)files; }
