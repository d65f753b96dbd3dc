#include "emit.h"
void emit_ts_module(arena *a, const model_machine *m, out *o, bool typed) { (void)a; (void)m; (void)o; (void)typed; }
void emit_ts(const emit_ctx *ctx, const model_machine *m, out_files *files) { (void)ctx; (void)m; (void)files; }
