/* The same calls with a trigger: typesafety.sh requires them to compile without a warning. */
#include "meshery_connection.h"

transit_result right(transit_instance *inst);
transit_result right_compact(meshery_connection_compact *c);

transit_result right(transit_instance *inst) {
    return meshery_connection_fire(inst, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER);
}

transit_result right_compact(meshery_connection_compact *c) {
    return meshery_connection_compact_fire(c, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER);
}
