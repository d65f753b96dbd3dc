/* The same call with a trigger: typesafety.sh requires it to compile without a warning. */
#include "meshery_connection.h"

transit_result right(transit_instance *inst);

transit_result right(transit_instance *inst) {
    return meshery_connection_fire(inst, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER);
}
