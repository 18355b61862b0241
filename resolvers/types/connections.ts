import { Application } from "../../entities/application.entity";
import { Message } from "../../entities/message.entity";
import { Production } from "../../entities/production.entity";
import { Role } from "../../entities/role.entity";
import { connectionTypes } from "./connection.type";

export const { Connection: ApplicationConnection } = connectionTypes("Application", Application);
export const { Connection: MessageConnection } = connectionTypes("Message", Message);
export const { Connection: RoleConnection } = connectionTypes("Role", Role);
export const { Connection: ProductionConnection } = connectionTypes("Production", Production);
