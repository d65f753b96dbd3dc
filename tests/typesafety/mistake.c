/* A state where a trigger belongs: typesafety.sh requires the compiler to warn here. */
#include "meshery_connection.h"

transit_result mistake(transit_instance *inst);

transit_result mistake(transit_instance *inst) {
    return meshery_connection_fire(inst, MESHERY_CONNECTION_STATE_CONNECTED, TRANSIT_USER);
}
